/**
 * Where the CPU goes during a load phase (Linux `/proc`): the server process (all its threads),
 * PostgreSQL's processes, this load generator, and the machine's idle time. Used to tell a slow
 * server from a machine whose cores are shared by everything under test.
 */
import fs from 'node:fs';

const tick = 1000 / 100; // ms per clock tick (CLK_TCK is 100 on Linux)

const processMs = (pid: number | string): number => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime is the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * tick;
  } catch {
    return 0; // the process ended between listing and reading
  }
};

const postgresMs = () => {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += processMs(entry);
    } catch {}
  }
  return total;
};

const machine = () => {
  const [line = ''] = fs.readFileSync('/proc/stat', 'utf8').split('\n');
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { idle: idle * tick, total: values.reduce((sum, value) => sum + value, 0) * tick };
};

const generatorMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

export type CpuShare = {
  server: number;
  /** The server's main thread (its event loop), part of `server`. */
  serverLoop: number;
  postgres: number;
  generator: number;
  idle: number;
};

/** Starts counting; the returned function gives the CPU milliseconds spent since, per part. */
export const measureCpu = (serverPid: number): (() => CpuShare) => {
  const loopMs = () => processMs(`${serverPid}/task/${serverPid}`);
  const start = {
    server: processMs(serverPid),
    serverLoop: loopMs(),
    postgres: postgresMs(),
    generator: generatorMs(),
    machine: machine(),
  };
  return () => {
    const end = machine();
    return {
      server: processMs(serverPid) - start.server,
      serverLoop: loopMs() - start.serverLoop,
      postgres: postgresMs() - start.postgres,
      generator: generatorMs() - start.generator,
      idle: end.idle - start.machine.idle,
    };
  };
};
