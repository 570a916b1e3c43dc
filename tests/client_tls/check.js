'use strict';
// Checks clients/node/redress.js's channels from the environment against a grpc-js server on
// 127.0.0.1:0 that serves intake's GetComplaint over TLS (intake's development certificate) on one
// port and plaintext on another, remembering the authorization header it saw.
//
// Usage: node check.js <clients dir> <dev dir>   (scripts/dev-credentials and scripts/dev-tokens
// output). Exits non-zero on a failed check.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const {createRequire} = require('module');

const [clientsDir, devDir] = process.argv.slice(2);
const redress = require(path.join(clientsDir, 'node', 'redress.js'));
const clientRequire = createRequire(path.join(clientsDir, 'node', 'package.json'));
const grpc = clientRequire('@grpc/grpc-js');
const protoLoader = clientRequire('@grpc/proto-loader');
const dev = (name) => path.join(devDir, name);

let seen = null;

function bind(server, port, credentials) {
  return new Promise((resolve, reject) => server.bindAsync(
    port, credentials, (error, bound) => (error ? reject(error) : resolve(bound))));
}

async function startServer() {
  const definition = protoLoader.loadSync('redress/intake/v1/intake.proto',
    {keepCase: true, includeDirs: redress.INCLUDE_DIRS});
  const intake = grpc.loadPackageDefinition(definition).redress.intake.v1.Intake;
  const server = new grpc.Server();
  server.addService(intake.service, {
    GetComplaint(call, callback) {
      const authorization = call.metadata.get('authorization');
      seen = authorization.length ? String(authorization[0]) : '(none)';
      callback(null, {name: call.request.name});
    },
  });
  const tls = grpc.ServerCredentials.createSsl(
    null, [{private_key: fs.readFileSync(dev('intake.key')),
            cert_chain: fs.readFileSync(dev('intake.pem'))}]);
  const tlsPort = await bind(server, '127.0.0.1:0', tls);
  const plaintextPort =
    await bind(server, '127.0.0.1:0', grpc.ServerCredentials.createInsecure());
  return {server, tlsPort, plaintextPort};
}

// Calls GetComplaint through redress.connect(env); the authorization the server saw.
async function call(port, env = {}) {
  seen = null;
  const suite = redress.connect({...env, REDRESS_INTAKE: `127.0.0.1:${port}`});
  try {
    await suite.intake.GetComplaint({name: 'complaints/c-1'}, {timeoutMs: 3000});
    return seen;
  } finally {
    suite.close();
  }
}

async function main() {
  const {server, tlsPort, plaintextPort} = await startServer();
  const ca = dev('ca.pem');
  const tokenFile = dev('tokens/caseworker.jwt');
  const jwt = fs.readFileSync(tokenFile, 'utf8').trim();
  try {
    assert.strictEqual(await call(plaintextPort), '(none)', 'no CA: plaintext');
    await assert.rejects(call(tlsPort), (error) => error.code === grpc.status.UNAVAILABLE,
                         'no CA: a TLS server is not reached');
    assert.strictEqual(await call(tlsPort, {REDRESS_CA_FILE: ca}), '(none)', 'CA only');
    assert.strictEqual(await call(tlsPort, {REDRESS_CA_FILE: ca, REDRESS_TOKEN_FILE: tokenFile}),
                       `Bearer ${jwt}`, 'token file');
    assert.strictEqual(await call(tlsPort, {REDRESS_CA_FILE: ca, REDRESS_TOKEN: 'token-123'}),
                       'Bearer token-123', 'token');
    for (const [env, message] of [
      [{REDRESS_TOKEN: 'token-123'}, /REDRESS_CA_FILE is not/],
      [{REDRESS_CA_FILE: ca, REDRESS_TOKEN: 'a', REDRESS_TOKEN_FILE: 'b'}, /both set/],
      [{REDRESS_CA_FILE: dev('no-such-ca.pem')}, /REDRESS_CA_FILE ".*no-such-ca.pem": cannot read/],
    ]) {
      assert.throws(() => redress.connect(env),
                    (error) => error instanceof redress.ConfigurationError &&
                               message.test(error.message), JSON.stringify(env));
    }
    console.log('check.js: all checks passed');
  } finally {
    server.forceShutdown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
