/** Sign-in (WeChat, console password, demo), tokens' callers and their role grants. */
export { AuthService, type WechatSessionApi } from './auth.service';
export { PrincipalLoader } from './principal.loader';
export { RoleDirectory } from './role.directory';
export { authRoutes } from './auth.routes';
export { RoleGrantService } from './role-grant.service';
export { roleGrantRoutes } from './role-grant.routes';
