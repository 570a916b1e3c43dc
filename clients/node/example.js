#!/usr/bin/env node
'use strict';
// Runs one complete Redress case from Node.js against the running suite, and decodes errors.
//
// The case is clients/example-case.json (Ms E's complaint about Cafcass): submit -> assess ->
// wait for the investigation intake hands over -> assign, scope, findings, narrative and
// recommendation, provisional view, both parties' comments, final decision -> wait for remedy to
// receive the recommendation -> accept, record compliance -> publish; it prints the published
// summary's text last. First it makes a deliberate mistake (SubmitComplaint with an empty
// request) and prints the decoded google.rpc details, asserting INVALID_ARGUMENT with field
// violations; after the decision it asks for the recommendation to be accepted twice and prints
// the second call's FAILED_PRECONDITION.
//
// Usage: (cd clients/node && npm ci) once, then `node clients/node/example.js`. The services'
// addresses come from $REDRESS_INTAKE, $REDRESS_INVESTIGATION and $REDRESS_REMEDY (default
// 127.0.0.1:50051, :50052, :50053, as scripts/run starts them). Exits non-zero, with the decoded
// error, when a call fails unexpectedly or a hand-off does not arrive within 30 seconds.
const assert = require('assert');
const crypto = require('crypto');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const redress = require('./redress');
const errors = require('./errors');

const CASE = require(path.join(__dirname, '..', 'example-case.json'));
const HANDOFF_PATIENCE_MS = 30000;

// Today plus `offsetDays`, as the API's Date.
function day(offsetDays) {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return {year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate()};
}

// poll()'s first truthy result, trying every 200 ms for HANDOFF_PATIENCE_MS.
async function waitFor(what, poll) {
  const deadline = Date.now() + HANDOFF_PATIENCE_MS;
  for (;;) {
    const result = await poll();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`${what} did not arrive within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// SubmitComplaint with nothing in it: INVALID_ARGUMENT, one field violation per problem.
async function showRefusedSubmission(suite) {
  try {
    await suite.intake.SubmitComplaint({});
  } catch (error) {
    console.log('SubmitComplaint with an empty request was refused:');
    console.log(errors.describe(error));
    const details = errors.decode(error);
    assert.strictEqual(details.code, grpc.status.INVALID_ARGUMENT);
    assert.ok(details.bad_request && details.bad_request.field_violations.length > 0,
              'no BadRequest field violations');
    return;
  }
  throw new Error('SubmitComplaint accepted an empty request');
}

// The complaint, submitted and accepted by the initial checks.
async function submitAndAssess(suite, runId) {
  const complaint = {...CASE.complaint};
  for (const [field, daysAgo] of Object.entries(CASE.complaint_days_ago)) {
    complaint[field] = day(-daysAgo);
  }
  const submitted = await suite.intake.SubmitComplaint({request_id: `${runId}-submit`, complaint});
  console.log(`submitted ${submitted.name} (${submitted.complainants_reference})`);
  const assessed = await suite.intake.AssessComplaint({
    name: submitted.name, request_id: `${runId}-assess`, assessor: 'assessment-officer-1'});
  console.log(`assessed ${assessed.name}: ${assessed.state}`);
  assert.strictEqual(assessed.state, 'COMPLAINT_STATE_ACCEPTED');
  return assessed;
}

// The investigation intake opened for the complaint, or null (yet).
async function findInvestigation(suite, complaintName) {
  const response = await suite.investigation.ListInvestigations(
    {filter: `complaint = "${complaintName}"`});
  return response.investigations.length > 0 ? response.investigations[0] : null;
}

// Assigns, scopes, finds, writes up, consults and decides; the decided investigation.
async function investigateAndDecide(suite, investigation, runId) {
  const name = investigation.name;
  const rpc = suite.investigation;
  await rpc.AssignCaseworker({name, caseworker: CASE.caseworker});
  const scoped = await rpc.AgreeScope(
    {name, scope: CASE.scope, points: CASE.points.map((p) => p.description)});
  for (const [i, point] of scoped.points.entries()) {
    await rpc.RecordFinding({name, point_id: point.point_id, finding: CASE.points[i].finding});
  }
  const recommendation = {...CASE.recommendation,
                          target_date: day(CASE.recommendation_target_in_days)};
  await rpc.UpdateInvestigation({
    investigation: {name, narrative: CASE.narrative, complaint_types: CASE.complaint_types,
                    recommendations: [recommendation]},
    update_mask: {paths: ['narrative', 'complaint_types', 'recommendations']},
  });
  await rpc.ShareProvisionalView(
    {name, comment_period_working_days: CASE.comment_period_working_days});
  for (const [i, comment] of CASE.comments.entries()) {
    await rpc.LogComment({name, request_id: `${runId}-comment-${i + 1}`,
                          comment: {...comment, received_date: day(0)}});
  }
  const decided = await rpc.IssueFinalDecision({name});
  console.log(`decided ${name}: ${decided.final_decision.decision}`);
  return decided;
}

// The recommendations remedy holds for the investigation (null until the hand-off).
async function findRecommendations(suite, investigationName) {
  const response = await suite.remedy.ListRecommendations(
    {filter: `investigation = "${investigationName}"`});
  return response.recommendations.length > 0 ? response.recommendations : null;
}

// The organisation accepts the recommendation and evidences that it did it.
async function comply(suite, recommendation) {
  const accepted = await suite.remedy.AcceptRecommendation({name: recommendation.name});
  // A deliberate mistake: accepting it again is refused, and the details say why.
  let refusal = null;
  try {
    await suite.remedy.AcceptRecommendation({name: recommendation.name});
  } catch (error) {
    refusal = error;
  }
  if (!refusal) throw new Error('AcceptRecommendation accepted a recommendation twice');
  console.log('AcceptRecommendation a second time was refused:');
  console.log(errors.describe(refusal));
  const details = errors.decode(refusal);
  assert.strictEqual(details.code, grpc.status.FAILED_PRECONDITION);
  assert.ok(details.precondition_failure, 'no PreconditionFailure');
  const complied = await suite.remedy.RecordCompliance({
    name: recommendation.name,
    evidence: {...CASE.compliance, completion_date: day(0)},
    etag: accepted.etag,
  });
  console.log(`recorded compliance with ${complied.name}: ${complied.state}`);
}

async function main() {
  const runId = 'example-js-' + crypto.randomBytes(6).toString('hex');  // new idempotency keys
  const suite = redress.connect();
  try {
    await showRefusedSubmission(suite);
    const complaint = await submitAndAssess(suite, runId);
    const investigation = await waitFor('the investigation',
                                        () => findInvestigation(suite, complaint.name));
    console.log(`intake handed ${complaint.name} to ${investigation.name}`);
    const decided = await investigateAndDecide(suite, investigation, runId);
    const recommendations = await waitFor('the recommendation',
                                          () => findRecommendations(suite, decided.name));
    for (const recommendation of recommendations) await comply(suite, recommendation);
    const summary = await suite.remedy.PublishCaseSummary({investigation: decided.name});
    console.log(`published ${summary.name} version ${summary.version}:`);
    console.log(summary.text);
  } finally {
    suite.close();
  }
}

main().catch((error) => {
  const text = error.metadata ? `a call failed:\n${errors.describe(error)}` : error.stack;
  console.error(`example.js: ${text}`);
  process.exitCode = 1;
});
