/**
 * App Service Authentication (Easy Auth) with Microsoft Entra ID in front of the HTTP functions. Microsoft
 * Learn, app-service/configure-authentication-provider-aad: the issuer is the tenant's v2.0 endpoint
 * (<login endpoint><tenant id>/v2.0; a multi-tenant /common issuer would accept tokens of any tenant), and the
 * allowed token audiences are the app's Application ID URI (api://<client id>) and any extra ones configured.
 */
import { isValueObject, text, type Value } from '../arm/values.js';
import { expectProp, ofType, parameter, prop, show, type Check } from './check.js';
import { simulated } from '../arm/functions.js';

const multiTenantIssuers = /\/(common|organizations|consumers)(\/|$)/i;

function field(value: Value | undefined, name: string): Value | undefined {
  return isValueObject(value) ? value[name] : undefined;
}

export const authenticationChecks: Check[] = [
  {
    id: 'Easy Auth (Entra ID)',
    title:
      'with entraAuthentication every HTTP call needs a token of this tenant for this app (401 otherwise), except the system webhooks, /api/health and /api/openapi.json',
    run: (input) => {
      const config = parameter(input, 'entraAuthentication') ?? null;
      const settings = ofType(input.deployment, 'Microsoft.Web/sites/config').filter((c) =>
        c.name.endsWith('/authsettingsV2'),
      );
      if (config === null) {
        return settings.map((s) => `${s.name} is deployed although entraAuthentication is null`);
      }
      const [auth] = settings;
      if (settings.length !== 1 || auth === undefined)
        return [`expected one authsettingsV2, found ${String(settings.length)}`];
      const clientId = field(config, 'clientId');
      const tenant = field(config, 'tenantId') ?? simulated.tenantId;
      const audiences = prop(auth, 'properties.identityProviders.azureActiveDirectory.validation.allowedAudiences');
      const issuer = prop(auth, 'properties.identityProviders.azureActiveDirectory.registration.openIdIssuer');
      const violations = [
        ...expectProp(auth, 'properties.platform.enabled', true),
        ...expectProp(auth, 'properties.globalValidation.requireAuthentication', true),
        ...expectProp(auth, 'properties.globalValidation.unauthenticatedClientAction', 'Return401'),
        ...expectProp(auth, 'properties.globalValidation.excludedPaths', [
          '/runtime/webhooks/eventgrid',
          '/runtime/webhooks/blobs',
          '/api/health',
          '/api/openapi.json',
        ]),
        ...expectProp(auth, 'properties.httpSettings.requireHttps', true),
        ...expectProp(auth, 'properties.login.tokenStore.enabled', false),
        ...expectProp(auth, 'properties.identityProviders.azureActiveDirectory.enabled', true),
        ...expectProp(
          auth,
          'properties.identityProviders.azureActiveDirectory.registration.clientId',
          clientId ?? null,
        ),
        ...expectProp(
          auth,
          'properties.identityProviders.azureActiveDirectory.registration.openIdIssuer',
          `https://login.microsoftonline.com/${text(tenant)}/v2.0`,
        ),
      ];
      if (typeof issuer === 'string' && multiTenantIssuers.test(issuer))
        violations.push(`issuer ${issuer} accepts other tenants`);
      const extra = field(config, 'allowedAudiences');
      const expected = [`api://${text(clientId)}`, ...(Array.isArray(extra) ? extra : [])];
      if (!Array.isArray(audiences) || audiences.length === 0)
        violations.push('allowedAudiences is empty: any audience passes');
      else if (expected.some((a) => !audiences.includes(a)) || audiences.some((a) => !expected.includes(a))) {
        violations.push(`allowedAudiences ${show(audiences)}, expected ${show(expected)}`);
      }
      return violations;
    },
  },
];
