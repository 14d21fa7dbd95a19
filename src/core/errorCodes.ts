import type { CoreErrorKind } from './errors';

/**
 * Every error the core can raise, by stable code. Each dialect's message catalogue must word every
 * code here (a unit test holds them to it); parameters a message may use are noted beside each group.
 */
export const ERROR_KINDS = {
  // access: the caller may see the object but not do this; another tenant's objects are not_found
  'access.denied': 'forbidden',
  'access.superuser_required': 'forbidden',
  // auth
  'auth.bad_credentials': 'invalid',
  'auth.inactive': 'invalid',
  'auth.wrong_password': 'invalid',
  // users {username} {email}
  'user.not_found': 'not_found',
  'user.username_required': 'invalid',
  'user.username_too_long': 'invalid',
  'user.username_invalid': 'invalid',
  'user.username_taken': 'already_exists',
  'user.password_required': 'invalid',
  'user.email_invalid': 'invalid',
  'user.email_taken': 'already_exists',
  'user.new_password_required': 'invalid',
  'user.password_mismatch': 'invalid',
  'user.reset_token_invalid': 'invalid',
  // tenants and clusters {id}
  'tenant.not_found': 'not_found',
  'tenant.none': 'conflict',
  'cluster.not_found': 'not_found',
  'cluster.none': 'conflict',
  // apps {name} {max} {length}
  'app.not_found': 'not_found',
  'app.name_required': 'invalid',
  'app.name_too_long': 'invalid',
  'app.name_invalid': 'invalid',
  'app.name_taken': 'already_exists',
  'app.no_free_name': 'conflict',
  'environment.not_found': 'not_found',
  // variables {name} {kind}
  'variable.name_invalid': 'invalid',
  'variable.memory_invalid': 'invalid',
  'variable.cpu_invalid': 'invalid',
  'variable.tag_invalid': 'invalid',
  'variable.value_invalid': 'invalid',
  // releases and builds {version} {type}
  'release.not_found': 'not_found',
  'event.not_found': 'not_found',
  'event.not_running': 'conflict',
  'build.not_found': 'not_found',
  'build.image_required': 'invalid',
  'build.missing': 'invalid',
  'build.missing_for_run': 'invalid',
  'process.count_invalid': 'invalid',
  'process.type_unknown': 'invalid',
  // domains {domain}
  'domain.not_found': 'not_found',
  'domain.required': 'invalid',
  'domain.invalid': 'invalid',
  'domain.wildcard': 'invalid',
  'domain.taken': 'already_exists',
  // sharing {username}
  'grant.not_found': 'not_found',
  // SSH keys
  'key.not_found': 'not_found',
  'key.name_required': 'invalid',
  'key.public_required': 'invalid',
  'key.public_invalid': 'invalid',
  'key.name_taken': 'already_exists',
  'key.public_taken': 'already_exists',
  // cluster files {what} {name} {users}
  'file.not_found': 'not_found',
  'file.name_invalid': 'invalid',
  'file.name_taken': 'already_exists',
  'file.in_use': 'conflict',
  // nodes {status} {size}
  'node.not_found': 'not_found',
  'node.busy': 'conflict',
  'node.size_unknown': 'invalid',
  // workloads {kind} {name} {mode} {source}
  'workload.not_found': 'not_found',
  'workload.no_image': 'invalid',
  'workload.port_invalid': 'invalid',
  'workload.replicas_invalid': 'invalid',
  'workload.file_unknown': 'invalid',
  'workload.file_mode_invalid': 'invalid',
  'workload.file_owner_invalid': 'invalid',
  'workload.volume_unknown': 'invalid',
  'workload.target_invalid': 'invalid',
  // what a dialect's request mapping finds wrong before the core is called {value}
  'request.page_not_found': 'not_found',
  'request.process_not_found': 'not_found',
  'request.json_invalid': 'invalid',
  'request.json_object_expected': 'invalid',
  'request.integer_invalid': 'invalid',
  'request.mount_source_required': 'invalid',
  // webhooks {cluster}
  'webhook.not_found': 'not_found',
  'webhook.url_required': 'invalid',
  'webhook.url_invalid': 'invalid',
  'webhook.url_insecure': 'invalid',
  'webhook.cluster_unknown': 'invalid',
  'webhook.duplicate': 'conflict',
  // teams (Tsuru's view of tenants) {name}
  'team.not_found': 'not_found',
  'team.name_invalid': 'invalid',
  'team.name_taken': 'already_exists',
  'team.in_use': 'forbidden',
  'team.required': 'invalid',
  'team.owner_unknown': 'invalid',
  // add-on services and instances {service} {instance} {app} {plan}
  'addon.service_not_found': 'not_found',
  'addon.service_name_invalid': 'invalid',
  'addon.service_taken': 'already_exists',
  'addon.service_in_use': 'forbidden',
  'addon.instance_not_found': 'not_found',
  'addon.instance_name_invalid': 'invalid',
  'addon.instance_taken': 'already_exists',
  'addon.instance_bound': 'invalid',
  'addon.plan_unknown': 'invalid',
  'addon.already_bound': 'invalid',
  'addon.not_bound': 'invalid',
  // team tokens {id}
  'token.not_found': 'not_found',
  'token.id_taken': 'already_exists',
  'token.expiry_invalid': 'invalid',
  // the catalogue apps choose from {name}
  'platform.not_found': 'invalid',
  'plan.not_found': 'invalid',
  'router.not_found': 'invalid',
  'pool.not_found': 'invalid',
  // deploys {id} {reason}
  'deploy.source_required': 'invalid',
  'deploy.archive_invalid': 'invalid',
  'deploy.not_found': 'not_found',
  // variables set through a dialect's own rules {name}
  'variable.required': 'invalid',
  'variable.name_reserved': 'invalid',
  // units {process}
  'process.type_required': 'invalid',
  'process.units_invalid': 'invalid',
} as const satisfies Record<string, CoreErrorKind>;

export type CoreErrorCode = keyof typeof ERROR_KINDS;
