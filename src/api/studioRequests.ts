import { z } from 'zod';

/** What follows /studio/ in the URL: a file name of the built studio, or nothing for its page. */
export const studioParams = z.object({ path: z.string().max(256).default('') });
