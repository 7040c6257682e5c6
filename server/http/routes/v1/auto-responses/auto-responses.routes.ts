import type { RouteModule } from '../route-module.ts';
import { createAutoResponseRoute } from './create-auto-response.route.ts';
import { deleteAutoResponseRoute } from './delete-auto-response.route.ts';
import { getAutoResponseRoute } from './get-auto-response.route.ts';
import { listAutoResponsesRoute } from './list-auto-responses.route.ts';
import { updateAutoResponseRoute } from './update-auto-response.route.ts';

/** Admin CRUD of auto-responses. */
export const autoResponseRoutes: RouteModule[] = [listAutoResponsesRoute, createAutoResponseRoute, getAutoResponseRoute, updateAutoResponseRoute, deleteAutoResponseRoute];
