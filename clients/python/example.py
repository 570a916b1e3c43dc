#!/usr/bin/python3
"""Runs one complete Redress case from Python against the running suite, and decodes an error.

The case is clients/example-case.json (Ms E's complaint about Cafcass): submit -> assess -> wait
for the investigation intake hands over -> assign, scope, findings, narrative and recommendation,
provisional view, both parties' comments, final decision -> wait for remedy to receive the
recommendation -> accept, record compliance -> publish; it prints the published summary's text
last. First it makes a deliberate mistake (SubmitComplaint with an empty request) and prints the
decoded google.rpc details, asserting INVALID_ARGUMENT with field violations; after the decision
it asks for the recommendation to be accepted twice and prints the second call's
FAILED_PRECONDITION.

Usage (Debian's python3, with python3-grpcio and python3-protobuf; code generated first):
    clients/python/generate.sh
    /usr/bin/python3 clients/python/example.py
The services' addresses come from $REDRESS_INTAKE, $REDRESS_INVESTIGATION and $REDRESS_REMEDY
(default 127.0.0.1:50051, :50052, :50053, as scripts/run starts them). Exits non-zero, with the
decoded error, when a call fails unexpectedly or a hand-off does not arrive within 30 seconds.
"""

import datetime
import json
import os
import sys
import time
import uuid

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import redress_client  # noqa: E402  (puts the generated code on sys.path)
from redress_client import errors  # noqa: E402
from google.protobuf import json_format  # noqa: E402
from redress.common.v1 import date_pb2  # noqa: E402
from redress.intake.v1 import complaint_pb2, intake_pb2  # noqa: E402
from redress.investigation.v1 import case_pb2, investigation_pb2  # noqa: E402
from redress.remedy.v1 import recommendation_pb2, remedy_pb2  # noqa: E402

CASE_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                         "example-case.json")
CALL_TIMEOUT = 10  # seconds, every call's deadline
HANDOFF_PATIENCE = 30  # seconds to wait for an asynchronous hand-off


def day(offset_days):
    """Today plus `offset_days`, as the API's Date."""
    d = datetime.date.today() + datetime.timedelta(days=offset_days)
    return date_pb2.Date(year=d.year, month=d.month, day=d.day)


def parse(value, message):
    """`message` filled from the API JSON `value` (proto field names, enum names)."""
    return json_format.ParseDict(value, message)


def wait_for(what, poll):
    """poll()'s first truthy result, trying every 0.2 s for HANDOFF_PATIENCE seconds."""
    deadline = time.monotonic() + HANDOFF_PATIENCE
    while True:
        result = poll()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not arrive within {HANDOFF_PATIENCE} s")
        time.sleep(0.2)


def show_refused_submission(suite):
    """SubmitComplaint with nothing in it: INVALID_ARGUMENT, one field violation per problem."""
    try:
        suite.intake.SubmitComplaint(intake_pb2.SubmitComplaintRequest(), timeout=CALL_TIMEOUT)
    except grpc.RpcError as error:
        details = errors.decode(error)
        print("SubmitComplaint with an empty request was refused:")
        print(details.describe())
        assert details.code == grpc.StatusCode.INVALID_ARGUMENT, details.code
        assert details.field_violations(), "no BadRequest field violations"
        return
    raise AssertionError("SubmitComplaint accepted an empty request")


def submit_and_assess(suite, case, run_id):
    """The complaint, submitted and accepted by the initial checks."""
    complaint = parse(case["complaint"], complaint_pb2.Complaint())
    for field, days_ago in case["complaint_days_ago"].items():
        getattr(complaint, field).CopyFrom(day(-days_ago))
    complaint = suite.intake.SubmitComplaint(
        intake_pb2.SubmitComplaintRequest(request_id=f"{run_id}-submit", complaint=complaint),
        timeout=CALL_TIMEOUT)
    print(f"submitted {complaint.name} ({complaint.complainants_reference})")
    complaint = suite.intake.AssessComplaint(
        intake_pb2.AssessComplaintRequest(name=complaint.name, request_id=f"{run_id}-assess",
                                          assessor="assessment-officer-1"),
        timeout=CALL_TIMEOUT)
    state = complaint_pb2.ComplaintState.Name(complaint.state)
    print(f"assessed {complaint.name}: {state}")
    assert complaint.state == complaint_pb2.COMPLAINT_STATE_ACCEPTED, state
    return complaint


def find_investigation(suite, complaint_name):
    """The investigation intake opened for the complaint, or None (yet)."""
    request = investigation_pb2.ListInvestigationsRequest(
        filter=f'complaint = "{complaint_name}"')
    response = suite.investigation.ListInvestigations(request, timeout=CALL_TIMEOUT)
    return response.investigations[0] if response.investigations else None


def investigate_and_decide(suite, case, investigation, run_id):
    """Assigns, scopes, finds, writes up, consults and decides; the decided investigation."""
    name = investigation.name
    rpc = suite.investigation
    rpc.AssignCaseworker(
        investigation_pb2.AssignCaseworkerRequest(name=name, caseworker=case["caseworker"]),
        timeout=CALL_TIMEOUT)
    investigation = rpc.AgreeScope(
        investigation_pb2.AgreeScopeRequest(
            name=name, scope=parse(case["scope"], case_pb2.Scope()),
            points=[p["description"] for p in case["points"]]),
        timeout=CALL_TIMEOUT)
    for point, planned in zip(investigation.points, case["points"]):
        rpc.RecordFinding(
            investigation_pb2.RecordFindingRequest(
                name=name, point_id=point.point_id,
                finding=parse(planned["finding"], case_pb2.Finding())),
            timeout=CALL_TIMEOUT)
    recommendation = parse(case["recommendation"], case_pb2.Recommendation())
    recommendation.target_date.CopyFrom(day(case["recommendation_target_in_days"]))
    update = case_pb2.Investigation(
        name=name, narrative=parse(case["narrative"], case_pb2.Narrative()),
        complaint_types=case["complaint_types"], recommendations=[recommendation])
    request = investigation_pb2.UpdateInvestigationRequest(investigation=update)
    request.update_mask.paths.extend(["narrative", "complaint_types", "recommendations"])
    rpc.UpdateInvestigation(request, timeout=CALL_TIMEOUT)
    rpc.ShareProvisionalView(
        investigation_pb2.ShareProvisionalViewRequest(
            name=name, comment_period_working_days=case["comment_period_working_days"]),
        timeout=CALL_TIMEOUT)
    for i, planned in enumerate(case["comments"], start=1):
        comment = parse(planned, case_pb2.Comment())
        comment.received_date.CopyFrom(day(0))
        rpc.LogComment(investigation_pb2.LogCommentRequest(
            name=name, request_id=f"{run_id}-comment-{i}", comment=comment),
            timeout=CALL_TIMEOUT)
    investigation = rpc.IssueFinalDecision(
        investigation_pb2.IssueFinalDecisionRequest(name=name), timeout=CALL_TIMEOUT)
    outcome = case_pb2.Outcome.Name(investigation.final_decision.decision)
    print(f"decided {name}: {outcome}")
    return investigation


def find_recommendations(suite, investigation_name):
    """The recommendations remedy holds for the investigation (empty until the hand-off)."""
    response = suite.remedy.ListRecommendations(
        remedy_pb2.ListRecommendationsRequest(
            filter=f'investigation = "{investigation_name}"'),
        timeout=CALL_TIMEOUT)
    return list(response.recommendations)


def comply(suite, case, recommendation):
    """The organisation accepts the recommendation and evidences that it did it."""
    accepted = suite.remedy.AcceptRecommendation(
        remedy_pb2.AcceptRecommendationRequest(name=recommendation.name), timeout=CALL_TIMEOUT)
    # A deliberate mistake: accepting it again is refused, and the details say why.
    try:
        suite.remedy.AcceptRecommendation(
            remedy_pb2.AcceptRecommendationRequest(name=recommendation.name),
            timeout=CALL_TIMEOUT)
        raise AssertionError("AcceptRecommendation accepted a recommendation twice")
    except grpc.RpcError as error:
        details = errors.decode(error)
        print("AcceptRecommendation a second time was refused:")
        print(details.describe())
        assert details.code == grpc.StatusCode.FAILED_PRECONDITION, details.code
        assert details.precondition_failure, "no PreconditionFailure"
    evidence = parse(case["compliance"], recommendation_pb2.ComplianceEvidence())
    evidence.completion_date.CopyFrom(day(0))
    complied = suite.remedy.RecordCompliance(
        remedy_pb2.RecordComplianceRequest(name=recommendation.name, evidence=evidence,
                                           etag=accepted.etag),
        timeout=CALL_TIMEOUT)
    state = recommendation_pb2.RecommendationState.Name(complied.state)
    print(f"recorded compliance with {complied.name}: {state}")


def main():
    with open(CASE_FILE, encoding="utf-8") as f:
        case = json.load(f)
    run_id = "example-py-" + uuid.uuid4().hex[:12]  # new idempotency keys on every run
    with redress_client.connect() as suite:
        show_refused_submission(suite)
        complaint = submit_and_assess(suite, case, run_id)
        investigation = wait_for("the investigation",
                                 lambda: find_investigation(suite, complaint.name))
        print(f"intake handed {complaint.name} to {investigation.name}")
        investigation = investigate_and_decide(suite, case, investigation, run_id)
        recommendations = wait_for("the recommendation",
                                   lambda: find_recommendations(suite, investigation.name))
        for recommendation in recommendations:
            comply(suite, case, recommendation)
        summary = suite.remedy.PublishCaseSummary(
            remedy_pb2.PublishCaseSummaryRequest(investigation=investigation.name),
            timeout=CALL_TIMEOUT)
        print(f"published {summary.name} version {summary.version}:")
        print(summary.text)


if __name__ == "__main__":
    try:
        main()
    except grpc.RpcError as error:
        print(f"example.py: a call failed:\n{errors.describe(error)}", file=sys.stderr)
        sys.exit(1)
