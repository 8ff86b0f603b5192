import { z } from 'zod';
import { evaluationId } from '../domain/evaluations/evaluationIds.js';

/** Route parameters of /evaluations/{evaluationId}…, validated at the edge and described in the OpenAPI document. */
export const evaluationParams = z.object({ evaluationId });
