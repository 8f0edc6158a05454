import { createContext, useContext } from 'react';
import type { Experience } from './experience.ts';

export const ExperienceContext = createContext<Experience | undefined>(undefined);

export const useExperience = (): Experience => {
  const experience = useContext(ExperienceContext);
  if (!experience) throw new Error('the sign-in experience is not loaded');
  return experience;
};
