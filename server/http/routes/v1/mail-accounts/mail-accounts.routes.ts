import type { RouteModule } from '../route-module.ts';
import { mailAccountsRoute } from './mail-accounts.route.ts';
import { pollMailAccountRoute } from './poll-mail-account.route.ts';

/** Every /mail-accounts endpoint. */
export const mailAccountRoutes: RouteModule[] = [mailAccountsRoute, pollMailAccountRoute];
