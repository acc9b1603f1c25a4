// Authorization rules, one file per aggregate. Services call authorize(actor, policy.action, resource)
// right after loading the resource; routes never decide who may do what.
export { allow, authorize, can, roleAtLeast, scopeAllows, ROLES, SCOPES, type InWorkspace, type Rule } from './rules.js';
export { workspacePolicy, type WorkspaceResource } from './workspace.js';
export { membershipPolicy, type MembershipResource } from './membership.js';
export { invitePolicy, type InviteResource } from './invite.js';
export { templatePolicy, type TemplateResource } from './template.js';
export { specPolicy, type SpecResource } from './spec.js';
export { reviewPolicy, type ReviewResource } from './review.js';
export { commentPolicy, authorizeAny, type CommentResource } from './comment.js';
export { webhookPolicy } from './webhook.js';
