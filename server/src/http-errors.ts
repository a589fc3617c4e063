import { z } from 'zod';

export const zHttpError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
