/**
 * Each SDK client class behind a dynamic import, so a service's module loads only when qchat
 * first talks to it (and `qchat --version` loads none).
 */
export const clientLoaders = {
  sts: () => import('@aws-sdk/client-sts').then((m) => m.STSClient),
  cloudcontrol: () => import('@aws-sdk/client-cloudcontrol').then((m) => m.CloudControlClient),
  costexplorer: () => import('@aws-sdk/client-cost-explorer').then((m) => m.CostExplorerClient),
  account: () => import('@aws-sdk/client-account').then((m) => m.AccountClient),
  organizations: () => import('@aws-sdk/client-organizations').then((m) => m.OrganizationsClient),
  ssoadmin: () => import('@aws-sdk/client-sso-admin').then((m) => m.SSOAdminClient),
  identitystore: () => import('@aws-sdk/client-identitystore').then((m) => m.IdentitystoreClient),
  ssooidc: () => import('@aws-sdk/client-sso-oidc').then((m) => m.SSOOIDCClient),
  tagging: () => import('@aws-sdk/client-resource-groups-tagging-api').then((m) => m.ResourceGroupsTaggingAPIClient),
};

export type ServiceName = keyof typeof clientLoaders;
export type ClientOf<S extends ServiceName> = InstanceType<Awaited<ReturnType<(typeof clientLoaders)[S]>>>;
