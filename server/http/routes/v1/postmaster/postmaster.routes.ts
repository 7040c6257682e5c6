import type { RouteModule } from '../route-module.ts';
import { createPostmasterFilterRoute } from './create-postmaster-filter.route.ts';
import { deletePostmasterFilterRoute } from './delete-postmaster-filter.route.ts';
import { dryRunPostmasterFiltersRoute } from './dry-run-postmaster-filters.route.ts';
import { getPostmasterFilterRoute } from './get-postmaster-filter.route.ts';
import { listPostmasterFiltersRoute } from './list-postmaster-filters.route.ts';
import { trustedClientsRoute } from './trusted-clients.route.ts';
import { updatePostmasterFilterRoute } from './update-postmaster-filter.route.ts';

/** Postmaster filters, their dry run and the trusted SMTP clients: admin endpoints. */
export const postmasterRoutes: RouteModule[] = [
  listPostmasterFiltersRoute,
  getPostmasterFilterRoute,
  createPostmasterFilterRoute,
  updatePostmasterFilterRoute,
  deletePostmasterFilterRoute,
  dryRunPostmasterFiltersRoute,
  trustedClientsRoute,
];
