import { describe, expect, it } from 'vitest';
import { compileMain, getPath, prop, resourcesOfType, text } from './compiledTemplate.js';

const template = await compileMain();
const [authentication] = resourcesOfType(template, 'Microsoft.Web/sites/config').filter((found) =>
  text(found.resource.name).includes('authsettingsV2'),
);

describe('App Service Authentication (Entra ID) in front of the HTTP functions', () => {
  it('is a typed, nullable parameter passed to the Function App module', () => {
    expect(getPath(template, 'parameters.entraAuthentication')).toMatchObject({ nullable: true });
    expect(authentication?.resource.condition).toBe("[not(equals(parameters('entraAuthentication'), null()))]");
  });

  it('requires a signed-in caller (401 otherwise), except for Event Grid deliveries and the health probe', () => {
    if (authentication === undefined) throw new Error('no authsettingsV2 resource');
    expect(prop(authentication, 'properties.platform.enabled')).toBe(true);
    expect(prop(authentication, 'properties.globalValidation.requireAuthentication')).toBe(true);
    expect(prop(authentication, 'properties.globalValidation.unauthenticatedClientAction')).toBe('Return401');
    expect(prop(authentication, 'properties.globalValidation.excludedPaths')).toEqual([
      '/runtime/webhooks/eventgrid',
      '/runtime/webhooks/blobs',
      '/api/health',
    ]);
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
