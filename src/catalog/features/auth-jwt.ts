import type { Feature, SelectionView } from '../types.js';

const local = (s: SelectionView) => s.option('auth-jwt', 'provider') !== 'oidc';
const oidc = (s: SelectionView) => s.option('auth-jwt', 'provider') === 'oidc';

export const authJwt: Feature = {
  id: 'auth-jwt',
  title: 'JWT authentication',
  hint: 'OAuth2 password flow issuing HS256 tokens, or tokens from your OIDC provider',
  order: 70,
  frameworks: ['fastify', 'express', 'fastapi'],
  recommended: true,
  options: [
    {
      id: 'provider',
      flag: 'auth-provider',
      title: 'Who issues the tokens?',
      default: 'local',
      choices: [
        { value: 'local', label: 'This API', hint: 'POST /auth/token, users file, argon2id' },
        { value: 'oidc', label: 'An OIDC provider', hint: 'verify against its JWKS' },
      ],
    },
  ],
  dependencies: {
    fastify: [{ prod: ['jose'] }, { prod: ['@node-rs/argon2', '@fastify/formbody'], when: local }],
    express: [{ prod: ['jose'] }, { prod: ['@node-rs/argon2'], when: local }],
    fastapi: [{ prod: ['PyJWT[crypto]'] }, { prod: ['argon2-cffi', 'python-multipart'], when: local }],
  },
  env: [
    {
      name: 'JWT_SECRET',
      rule: 'at least 32 bytes',
      description: 'HS256 signing key. Generate one with the secret script.',
      required: true,
      secret: true,
      // No placeholder: one that passes the length rule would be a public
      // signing key in every project that copies .env.example as it is.
      when: local,
    },
    { name: 'JWT_ISSUER', rule: 'string', description: 'Expected `iss` of every token. Default: the project name.', example: '', when: local },
    { name: 'JWT_AUDIENCE', rule: 'string', description: 'Expected `aud` of every token. Default: the project name.', example: '' },
    { name: 'JWT_TTL_SECONDS', default: '900', rule: 'integer ≥ 60', description: 'Lifetime of issued tokens.', when: local },
    {
      name: 'USERS_FILE',
      default: './users.json',
      rule: 'path to a JSON array of { username, passwordHash, roles }',
      description: 'Users who may obtain tokens; passwords as argon2id PHC strings. Add one with user:add.',
      when: local,
    },
    {
      name: 'OIDC_ISSUER',
      rule: 'https URL (http only for localhost)',
      description: 'Your identity provider; checked against every token’s `iss`.',
      required: true,
      example: 'https://login.example.com/',
      when: oidc,
    },
    {
      name: 'JWKS_URL',
      rule: 'https URL (http only for localhost)',
      description: 'Where the provider publishes its signing keys.',
      required: true,
      example: 'https://login.example.com/.well-known/jwks.json',
      when: oidc,
    },
  ],
  security: {
    owasp: ['API2:2023'],
    threat: 'Forged, replayed, expired or algorithm-confused tokens; credential stuffing and user enumeration on login.',
  },
};
