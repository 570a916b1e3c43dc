'use strict';
// Decodes the rich error details of a failed Redress call into readable text.
//
// A Redress service that fails a call sends, besides the gRPC code and message, a
// google.rpc.Status serialized in the `grpc-status-details-bin` trailer (grpc-js puts it in the
// ServiceError's `metadata`). Its `details` are Any messages; the API uses three (DESIGN §4):
//   google.rpc.BadRequest: the invalid fields of an INVALID_ARGUMENT, one violation each;
//   google.rpc.PreconditionFailure: why the state does not allow a FAILED_PRECONDITION;
//   google.rpc.ErrorInfo: a stable machine-readable `reason` (and domain, metadata).
// They are decoded with protobufjs from protos/third_party/google/rpc; other detail types are
// left in `status.details`.
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protobuf = require('protobufjs');
const {INCLUDE_DIRS} = require('./redress');

const STATUS_DETAILS_KEY = 'grpc-status-details-bin';
// Which result field each known detail type fills.
const DETAIL_FIELDS = {
  'google.rpc.BadRequest': 'bad_request',
  'google.rpc.PreconditionFailure': 'precondition_failure',
  'google.rpc.ErrorInfo': 'error_info',
};

const root = new protobuf.Root();
// Imports resolve against INCLUDE_DIRS; google/protobuf/*.proto are protobufjs's own copies.
root.resolvePath = (origin, target) => {
  for (const dir of INCLUDE_DIRS) {
    const candidate = path.join(dir, target);
    if (fs.existsSync(candidate)) return candidate;
  }
  return target;
};
root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], {keepCase: true});
const Status = root.lookupType('google.rpc.Status');

// The name of a numeric gRPC status code ("INVALID_ARGUMENT").
function codeName(code) {
  return Object.keys(grpc.status).find((name) => grpc.status[name] === code) || String(code);
}

// {code, code_name, message, status, bad_request, precondition_failure, error_info} of a
// ServiceError; the decoded messages are plain objects, null where absent. An undecodable
// trailer leaves them all null.
function decode(error) {
  const result = {
    code: error.code, code_name: codeName(error.code), message: error.details || '',
    status: null, bad_request: null, precondition_failure: null, error_info: null,
  };
  const values = error.metadata ? error.metadata.get(STATUS_DETAILS_KEY) : [];
  if (values.length === 0) return result;
  const options = {longs: String, enums: String, defaults: true};
  try {
    result.status = Status.toObject(Status.decode(values[0]), options);
    for (const detail of result.status.details) {
      const typeName = detail.type_url.slice(detail.type_url.lastIndexOf('/') + 1);
      const field = DETAIL_FIELDS[typeName];
      if (!field) continue;
      const Type = root.lookupType(typeName);
      result[field] = Type.toObject(Type.decode(detail.value), options);
    }
  } catch (ignored) {  // a malformed trailer: keep the code and message only
    Object.assign(result, {status: null, bad_request: null, precondition_failure: null,
                           error_info: null});
  }
  return result;
}

// Several lines: `CODE: message`, then one indented line per violation and the reason.
function describe(error) {
  const d = decode(error);
  const lines = [`${d.code_name}: ${d.message}`];
  for (const v of d.bad_request ? d.bad_request.field_violations : []) {
    lines.push(`  field ${v.field}: ${v.description}`);
  }
  for (const v of d.precondition_failure ? d.precondition_failure.violations : []) {
    lines.push(`  precondition ${v.type} on ${v.subject}: ${v.description}`);
  }
  if (d.error_info) {
    const info = d.error_info;
    const metadata = Object.keys(info.metadata).sort()
      .map((k) => `${k}=${info.metadata[k]}`).join(', ');
    const suffix = metadata ? `: ${metadata}` : '';
    lines.push(`  reason ${info.reason} (domain ${info.domain})${suffix}`);
  }
  return lines.join('\n');
}

module.exports = {STATUS_DETAILS_KEY, decode, describe};
