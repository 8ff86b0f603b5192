/**
 * What ARM accepts on a Flex Consumption site. Microsoft Learn, azure-functions/functions-app-settings,
 * section "Flex Consumption plan deprecations" (linked from flex-consumption-plan "Deprecated properties and
 * settings"): these site properties are deprecated on Flex Consumption, and a deployment that sets one is
 * refused (error 51021); these app settings are deprecated or replaced by properties.functionAppConfig.
 */

/** Site properties, searched under properties and properties.siteConfig (names compared case-insensitively). */
export const flexDeprecatedSiteProperties = [
  'alwaysOn',
  'containerSize',
  'ftpsState',
  'functionAppScaleLimit',
  'isReserved',
  'isXenon',
  'javaVersion',
  'linuxFxVersion',
  'netFrameworkVersion',
  'powerShellVersion',
  'preWarmedInstanceCount',
  'use32BitWorkerProcess',
  'windowsFxVersion',
] as const;

/** App settings the same section lists as deprecated on Flex Consumption. */
export const flexDeprecatedAppSettings = [
  'ENABLE_ORYX_BUILD',
  'FUNCTIONS_EXTENSION_VERSION',
  'FUNCTIONS_MAX_HTTP_CONCURRENCY',
  'FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED',
  'FUNCTIONS_WORKER_PROCESS_COUNT',
  'FUNCTIONS_WORKER_RUNTIME',
  'FUNCTIONS_WORKER_RUNTIME_VERSION',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
  'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING',
  'WEBSITE_CONTENTOVERVNET',
  'WEBSITE_CONTENTSHARE',
  'WEBSITE_DNS_SERVER',
  'WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT',
  'WEBSITE_NODE_DEFAULT_VERSION',
  'WEBSITE_RUN_FROM_PACKAGE',
  'WEBSITE_SKIP_CONTENTSHARE_VALIDATION',
  'WEBSITE_VNET_ROUTE_ALL',
] as const;
