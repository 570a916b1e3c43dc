// The gRPC adapter of the intake service: it translates requests to IntakeLogic calls and their
// results back to protos, and every absl::Status to a grpc::Status with rich details (domain
// "intake.redress"). No rules live here; see intake_logic.h.
#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>
#include <grpcpp/support/status.h>

#include "common/handler.h"
#include "common/outbox_sender.h"
#include "common/parked_handoffs.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "services/intake/intake_logic.h"

namespace redress::intake {

// Thread-safe when `logic` is. Every handler runs through Serve (common/handler.h), on the executor
// of the server hosting it (RESOURCE_EXHAUSTED SERVER_BUSY when that, or the server's request
// memory budget, is full): a call whose deadline has passed, or that the client cancelled, before
// the handler starts is answered DEADLINE_EXCEEDED or CANCELLED without doing any work; an
// unexpected failure (an INTERNAL, UNKNOWN or DATA_LOSS status from the logic or the store, or an
// exception) is logged in full and answered INTERNAL "internal error", without its own message;
// nothing thrown crashes the process.
class IntakeService final : public redress::intake::v1::Intake::CallbackService,
                            public CallbackServing {
 public:
  // The ErrorInfo domain of every error this service returns.
  static constexpr char kErrorDomain[] = "intake.redress";
  // The largest request the service accepts (ServerConfig::max_receive_message_bytes; a larger one
  // is refused RESOURCE_EXHAUSTED before it is parsed). The largest one the service reads is a
  // complaint at every field limit (complaint_validation.cc: three narratives of 20,000
  // characters, 10 people, 5 organisations), 301,402 bytes in four-byte characters
  // (api/intake_service_limits_test.cc); 512 KiB is the next power of two, with room for an
  // UpdateComplaint that sends back a complaint read whole, whose reviews and assessments the
  // service ignores (docs/limits.md).
  static constexpr int kMaxRequestBytes = 512 << 10;

  // `sender` delivers the outbox: AssessComplaint notifies it of each acceptance, and
  // GetHandoffStatus reports its backlog. `parked` answers the parked hand-off methods
  // (ListParkedHandoffs, GetHandoff, RedriveHandoff, DiscardHandoff). Null (tests) skips the
  // notice and makes those methods UNIMPLEMENTED.
  // REQUIRES: `logic`, `sender` and `parked` outlive this object.
  explicit IntakeService(IntakeLogic& logic, OutboxSender* sender = nullptr,
                         ParkedHandoffs* parked = nullptr)
      : logic_(logic), sender_(sender), parked_(parked) {}
  IntakeService(const IntakeService&) = delete;
  IntakeService& operator=(const IntakeService&) = delete;

  grpc::ServerUnaryReactor* CreateOrganisation(
      grpc::CallbackServerContext* context,
      const redress::intake::v1::CreateOrganisationRequest* request,
      redress::intake::v1::Organisation* response) override;
  grpc::ServerUnaryReactor* GetOrganisation(
      grpc::CallbackServerContext* context,
      const redress::intake::v1::GetOrganisationRequest* request,
      redress::intake::v1::Organisation* response) override;
  grpc::ServerUnaryReactor* ListOrganisations(
      grpc::CallbackServerContext* context,
      const redress::intake::v1::ListOrganisationsRequest* request,
      redress::intake::v1::ListOrganisationsResponse* response) override;
  grpc::ServerUnaryReactor* UpdateOrganisation(
      grpc::CallbackServerContext* context,
      const redress::intake::v1::UpdateOrganisationRequest* request,
      redress::intake::v1::Organisation* response) override;

  grpc::ServerUnaryReactor* SubmitComplaint(
      grpc::CallbackServerContext* context,
      const redress::intake::v1::SubmitComplaintRequest* request,
      redress::intake::v1::Complaint* response) override;
  grpc::ServerUnaryReactor* GetComplaint(grpc::CallbackServerContext* context,
                                         const redress::intake::v1::GetComplaintRequest* request,
                                         redress::intake::v1::Complaint* response) override;
  grpc::ServerUnaryReactor* ListComplaints(
      grpc::CallbackServerContext* context,
      const redress::intake::v1::ListComplaintsRequest* request,
      redress::intake::v1::ListComplaintsResponse* response) override;
  grpc::ServerUnaryReactor* UpdateComplaint(
      grpc::CallbackServerContext* context,
      const redress::intake::v1::UpdateComplaintRequest* request,
      redress::intake::v1::Complaint* response) override;
  grpc::ServerUnaryReactor* WithdrawComplaint(
      grpc::CallbackServerContext* context,
      const redress::intake::v1::WithdrawComplaintRequest* request,
      redress::intake::v1::Complaint* response) override;
  grpc::ServerUnaryReactor* AssessComplaint(
      grpc::CallbackServerContext* context,
      const redress::intake::v1::AssessComplaintRequest* request,
      redress::intake::v1::Complaint* response) override;
  grpc::ServerUnaryReactor* RequestAssessmentReview(
      grpc::CallbackServerContext* context,
      const redress::intake::v1::RequestAssessmentReviewRequest* request,
      redress::intake::v1::Complaint* response) override;
  grpc::ServerUnaryReactor* DecideAssessmentReview(
      grpc::CallbackServerContext* context,
      const redress::intake::v1::DecideAssessmentReviewRequest* request,
      redress::intake::v1::Complaint* response) override;

  grpc::ServerUnaryReactor* GetComplaintPersonalDetails(
      grpc::CallbackServerContext* context,
      const redress::intake::v1::GetComplaintPersonalDetailsRequest* request,
      redress::intake::v1::ComplaintPersonalDetails* response) override;

  grpc::ServerUnaryReactor* VerifyAuditLog(
      grpc::CallbackServerContext* context,
      const redress::common::v1::VerifyAuditLogRequest* request,
      redress::common::v1::VerifyAuditLogResponse* response) override;
  // Personal data (intake_service_privacy.cc).
  grpc::ServerUnaryReactor* ExportPersonalData(
      grpc::CallbackServerContext* context,
      const redress::intake::v1::ExportPersonalDataRequest* request,
      redress::intake::v1::ExportPersonalDataResponse* response) override;
  grpc::ServerUnaryReactor* ErasePersonalData(
      grpc::CallbackServerContext* context,
      const redress::intake::v1::ErasePersonalDataRequest* request,
      redress::intake::v1::ErasePersonalDataResponse* response) override;

  // Hand-offs (intake_service_handoffs.cc).
  grpc::ServerUnaryReactor* GetHandoffStatus(
      grpc::CallbackServerContext* context,
      const redress::common::v1::GetHandoffStatusRequest* request,
      redress::common::v1::HandoffStatus* response) override;
  grpc::ServerUnaryReactor* ListParkedHandoffs(
      grpc::CallbackServerContext* context,
      const redress::common::v1::ListParkedHandoffsRequest* request,
      redress::common::v1::ListParkedHandoffsResponse* response) override;
  grpc::ServerUnaryReactor* GetHandoff(grpc::CallbackServerContext* context,
                                       const redress::common::v1::GetHandoffRequest* request,
                                       redress::common::v1::Handoff* response) override;
  grpc::ServerUnaryReactor* RedriveHandoff(
      grpc::CallbackServerContext* context,
      const redress::common::v1::RedriveHandoffRequest* request,
      redress::common::v1::Handoff* response) override;
  grpc::ServerUnaryReactor* DiscardHandoff(
      grpc::CallbackServerContext* context,
      const redress::common::v1::DiscardHandoffRequest* request,
      redress::common::v1::Handoff* response) override;

 private:
  IntakeLogic& logic_;
  OutboxSender* const sender_;
  ParkedHandoffs* const parked_;
};

// The fingerprints SubmitComplaint, AssessComplaint and RequestAssessmentReview give the logic to
// tell a retry from a reuse of the request id: redress::Fingerprint of the deterministic encoding
// of `request` without its request_id.
std::string SubmissionFingerprint(const redress::intake::v1::SubmitComplaintRequest& request);
std::string AssessmentFingerprint(const redress::intake::v1::AssessComplaintRequest& request);
std::string ReviewRequestFingerprint(
    const redress::intake::v1::RequestAssessmentReviewRequest& request);

}  // namespace redress::intake
