import { describe, expect, it } from 'vitest';
import { compileMain, getPath, prop, repoRoot, resourcesOfType, text } from './compiledTemplate.js';
import { readAuthenticationExclusions } from '../../src/devhost/http/platformAuthentication.js';

const template = await compileMain();
const [authentication] = resourcesOfType(template, 'Microsoft.Web/sites/config').filter((found) =>
  text(found.resource.name).includes('authsettingsV2'),
);

describe('App Service Authentication (Entra ID) in front of the HTTP functions', () => {
  it('is a typed, nullable parameter passed to the Function App module', () => {
    expect(getPath(template, 'parameters.entraAuthentication')).toMatchObject({ nullable: true });
    expect(authentication?.resource.condition).toBe("[not(equals(parameters('entraAuthentication'), null()))]");
  });

  it('requires a signed-in caller (401 otherwise), except for Event Grid deliveries, the health probe and the API description', async () => {
    if (authentication === undefined) throw new Error('no authsettingsV2 resource');
    expect(prop(authentication, 'properties.platform.enabled')).toBe(true);
    expect(prop(authentication, 'properties.globalValidation.requireAuthentication')).toBe(true);
    expect(prop(authentication, 'properties.globalValidation.unauthenticatedClientAction')).toBe('Return401');
    const expected = ['/runtime/webhooks/eventgrid', '/runtime/webhooks/blobs', '/api/health', '/api/openapi.json'];
    // Bicep compiles loadJsonContent into a variable of the module: `[variables('$fxv#0').excludedPaths]`.
    const loaded = /^\[variables\('([^']+)'\)\.excludedPaths\]$/.exec(
      text(prop(authentication, 'properties.globalValidation.excludedPaths')),
    )?.[1];
    expect(getPath(authentication.scope.template, `variables.${loaded ?? 'none'}.excludedPaths`)).toEqual(expected);
    // The local host refuses unauthenticated requests from the same file.
    expect(await readAuthenticationExclusions(repoRoot)).toEqual(expected);
    expect(prop(authentication, 'properties.httpSettings.requireHttps')).toBe(true);
  });

  it('validates Entra ID tokens for the app registration and keeps no token store', () => {
    if (authentication === undefined) throw new Error('no authsettingsV2 resource');
    expect(prop(authentication, 'properties.identityProviders.azureActiveDirectory.enabled')).toBe(true);
    expect(
      text(prop(authentication, 'properties.identityProviders.azureActiveDirectory.registration.clientId')),
    ).toContain("parameters('entraAuthentication')");
    expect(prop(authentication, 'properties.login.tokenStore.enabled')).toBe(false);
  });
});
