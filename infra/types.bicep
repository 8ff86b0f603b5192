// Types shared by main.bicep and its modules.

@export()
@description('The Entra ID app registration that signs callers in.')
type entraAuthenticationConfig = {
  @description('Application (client) id of the app registration.')
  clientId: string

  @description('Directory (tenant) id; the deployment tenant when omitted.')
  tenantId: string?

  @description('Token audiences accepted besides api://<clientId>.')
  allowedAudiences: string[]?
}
