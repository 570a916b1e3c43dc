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

// The address in environment variable `variable`, else its default.
function address(variable) {
  return process.env[variable] || DEFAULT_ADDRESSES[variable];
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

// Clients of the three services at the given addresses (plaintext); close() closes them.
function connectTo(intakeAddress, investigationAddress, remedyAddress) {
  const redress = loadPackages();
  const credentials = grpc.credentials.createInsecure();
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

// Clients at $REDRESS_INTAKE, $REDRESS_INVESTIGATION and $REDRESS_REMEDY (or the defaults).
function connect() {
  return connectTo(address('REDRESS_INTAKE'), address('REDRESS_INVESTIGATION'),
                   address('REDRESS_REMEDY'));
}

module.exports = {INCLUDE_DIRS, DEFAULT_ADDRESSES, address, connect, connectTo};
