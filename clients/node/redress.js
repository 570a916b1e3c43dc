'use strict';
// A small Node.js client for the Redress services (intake, investigation, remedy), built with
// @grpc/grpc-js and @grpc/proto-loader straight from the .proto files in protos/ (no generated
// code). Messages are plain objects with the protos' field names (snake_case), enums as their
// names (strings), 64-bit integers as strings, and unset fields at their defaults.
//
//   const redress = require('./redress');
//   const suite = redress.connect();   // addresses from $REDRESS_INTAKE etc.
//   const complaint = await suite.intake.SubmitComplaint({request_id: 'r1', complaint: {...}});
//   suite.close();
//
// Every method takes (request, {timeoutMs}) and returns a promise of the response; a failed call
// rejects with grpc-js's ServiceError, whose google.rpc details errors.js decodes.
//
// Channels are TLS when $REDRESS_CA_FILE names a PEM CA bundle (the server verified against it)
// and plaintext when it is unset (only an insecure development server accepts that). A bearer
// token, $REDRESS_TOKEN (the JWT itself) or $REDRESS_TOKEN_FILE (a file holding it, surrounding
// whitespace trimmed; not both), is sent as "authorization: Bearer <token>" on every call and
// needs $REDRESS_CA_FILE. An empty value counts as unset; a bad configuration throws
// ConfigurationError, naming the variable, before any call.
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

// protos/ and the google.rpc protos beside it; the import roots of every Redress proto.
const PROTOS_DIR = path.resolve(__dirname, '..', '..', 'protos');
const INCLUDE_DIRS = [PROTOS_DIR, path.join(PROTOS_DIR, 'third_party')];

// Where each service listens unless its environment variable says otherwise (scripts/run's ports).
const DEFAULT_ADDRESSES = {
  REDRESS_INTAKE: '127.0.0.1:50051',
  REDRESS_INVESTIGATION: '127.0.0.1:50052',
  REDRESS_REMEDY: '127.0.0.1:50053',
};
const DEFAULT_TIMEOUT_MS = 10000;

// The address in environment variable `variable` of `env`, else its default.
function address(variable, env = process.env) {
  return env[variable] || DEFAULT_ADDRESSES[variable];
}

class ConfigurationError extends Error {}
ConfigurationError.prototype.name = 'ConfigurationError';

function readFile(variable, file) {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new ConfigurationError(`${variable} "${file}": cannot read: ${error.message}`);
  }
}

// A header value holds no line breaks or control characters, and a JWT no spaces: a space means
// a mistake such as "Bearer " pasted into the variable.
function checkedToken(variable, token) {
  if (/[\s\x00-\x1f\x7f]/.test(token)) {
    throw new ConfigurationError(`${variable}: the token contains whitespace or control characters`);
  }
  return token;
}

// The token of $REDRESS_TOKEN or $REDRESS_TOKEN_FILE in `env`, or null.
function bearerToken(env = process.env) {
  const token = env.REDRESS_TOKEN || null;
  const tokenFile = env.REDRESS_TOKEN_FILE || null;
  if (token && tokenFile) {
    throw new ConfigurationError(
      'REDRESS_TOKEN and REDRESS_TOKEN_FILE are both set: set one of them');
  }
  if (token) return checkedToken('REDRESS_TOKEN', token);
  if (!tokenFile) return null;
  const text = readFile('REDRESS_TOKEN_FILE', tokenFile).toString('utf8').trim();
  if (!text) throw new ConfigurationError(`REDRESS_TOKEN_FILE "${tokenFile}": holds no token`);
  return checkedToken('REDRESS_TOKEN_FILE', text);
}

// grpc-js channel credentials for `env` (see the top of this file).
function credentialsFromEnvironment(env = process.env) {
  const token = bearerToken(env);
  const caFile = env.REDRESS_CA_FILE || null;
  if (!caFile) {
    if (token !== null) {
      const which = env.REDRESS_TOKEN ? 'REDRESS_TOKEN' : 'REDRESS_TOKEN_FILE';
      throw new ConfigurationError(
        `a bearer token (${which}) is set but REDRESS_CA_FILE is not: tokens are only sent ` +
        'over TLS; set REDRESS_CA_FILE to the CA bundle that signed the server\'s certificate');
    }
    return grpc.credentials.createInsecure();
  }
  const ca = readFile('REDRESS_CA_FILE', caFile);
  if (!ca.includes('-----BEGIN ')) {
    throw new ConfigurationError(`REDRESS_CA_FILE "${caFile}": holds no PEM block`);
  }
  const tls = grpc.credentials.createSsl(ca);
  if (token === null) return tls;
  const bearer = grpc.credentials.createFromMetadataGenerator((_, callback) => {
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${token}`);
    callback(null, metadata);
  });
  return grpc.credentials.combineChannelCredentials(tls, bearer);
}

// The three service packages (redress.intake.v1 etc.) as grpc-js client constructors.
function loadPackages() {
  const definition = protoLoader.loadSync(
    [
      'redress/intake/v1/intake.proto',
      'redress/investigation/v1/investigation.proto',
      'redress/remedy/v1/remedy.proto',
    ],
    {keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
     includeDirs: INCLUDE_DIRS});
  return grpc.loadPackageDefinition(definition).redress;
}

// An object with one promise-returning method per RPC of `client`'s service.
function promisify(Client, client) {
  const methods = {};
  for (const name of Object.keys(Client.service)) {
    methods[name] = (request, {timeoutMs = DEFAULT_TIMEOUT_MS} = {}) =>
      new Promise((resolve, reject) => {
        client[name](request, {deadline: Date.now() + timeoutMs}, (error, response) => {
          if (error) reject(error); else resolve(response);
        });
      });
  }
  return methods;
}

// Clients of the three services at the given addresses over channels with `credentials`
// (plaintext when not given); close() closes them.
function connectTo(intakeAddress, investigationAddress, remedyAddress,
                   credentials = grpc.credentials.createInsecure()) {
  const redress = loadPackages();
  const clients = [
    [redress.intake.v1.Intake, intakeAddress],
    [redress.investigation.v1.Investigations, investigationAddress],
    [redress.remedy.v1.Remedy, remedyAddress],
  ].map(([Client, at]) => [Client, new Client(at, credentials)]);
  return {
    intake: promisify(...clients[0]),
    investigation: promisify(...clients[1]),
    remedy: promisify(...clients[2]),
    close() { for (const [, client] of clients) client.close(); },
  };
}

// Clients at $REDRESS_INTAKE, $REDRESS_INVESTIGATION and $REDRESS_REMEDY (or the defaults),
// secured as $REDRESS_CA_FILE and $REDRESS_TOKEN or $REDRESS_TOKEN_FILE say (`env`: process.env).
function connect(env = process.env) {
  const credentials = credentialsFromEnvironment(env);
  return connectTo(address('REDRESS_INTAKE', env), address('REDRESS_INVESTIGATION', env),
                   address('REDRESS_REMEDY', env), credentials);
}

module.exports = {INCLUDE_DIRS, DEFAULT_ADDRESSES, ConfigurationError, address, bearerToken,
                  connect, connectTo, credentialsFromEnvironment};
