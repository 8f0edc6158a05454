// The sign-in pages (index.html) and the demo app (demo-app/index.html), built into dist/.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        experience: `${import.meta.dirname}/index.html`,
        demo: `${import.meta.dirname}/demo-app/index.html`,
      },
      // What both pages share (React, the styles' loader) is one cached chunk.
      output: { chunkFileNames: 'assets/shared-[hash].js' },
    },
  },
});
