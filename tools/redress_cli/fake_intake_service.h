// Test support: a fake redress.intake.v1.Intake with a few canned answers, hosted on 127.0.0.1
// port 0 through the real server bootstrap, for the CLI's call tests. Its errors are built the way
// the real services build theirs (common/errors.h through ToGrpcStatus), so the CLI decodes the
// same trailers it meets in production.
#pragma once

#include <grpcpp/server_context.h>

#include <memory>
#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/errors.h"
#include "common/grpc_status.h"
#include "common/server.h"
#include "redress/intake/v1/intake.grpc.pb.h"

namespace redress::cli::testing {

class FakeIntakeService final : public redress::intake::v1::Intake::Service {
 public:
  static constexpr char kComplaintName[] = "complaints/c-1";
  static constexpr char kClosedComplaintName[] = "complaints/closed";

  // GetComplaint: kComplaintName returns FixedComplaint(); a name without "complaints/" is
  // INVALID_ARGUMENT with a BadRequest on `name`; kClosedComplaintName is FAILED_PRECONDITION
  // (state CLOSED); any other complaint is NOT_FOUND.
  grpc::Status GetComplaint(grpc::ServerContext*, const intake::v1::GetComplaintRequest* request,
                            intake::v1::Complaint* response) override {
    const std::string& name = request->name();
    if (name == kComplaintName) {
      *response = FixedComplaint();
      return grpc::Status::OK;
    }
    if (name.rfind("complaints/", 0) != 0) {
      return ToGrpcStatus(
          InvalidArgument({{"name", "must be complaints/{complaint}, not " + Quoted(name)}}),
          kDomain);
    }
    if (name == kClosedComplaintName) {
      return ToGrpcStatus(InvalidStateTransition(name, "CLOSED", "withdraw"), kDomain);
    }
    return ToGrpcStatus(NotFound(name), kDomain);
  }

  // Records the request and answers with its filter as the next page token.
  grpc::Status ListComplaints(grpc::ServerContext*,
                              const intake::v1::ListComplaintsRequest* request,
                              intake::v1::ListComplaintsResponse* response) override {
    absl::MutexLock lock(&mutex_);
    last_list_request_ = *request;
    response->set_next_page_token(request->filter());
    return grpc::Status::OK;
  }

  // Never answers: returns only once the client's deadline has cancelled the call.
  grpc::Status WithdrawComplaint(grpc::ServerContext* context,
                                 const intake::v1::WithdrawComplaintRequest*,
                                 intake::v1::Complaint*) override {
    while (!context->IsCancelled()) absl::SleepFor(absl::Milliseconds(5));
    return grpc::Status(grpc::StatusCode::CANCELLED, "cancelled");
  }

  // VerifyAuditLog: answers `audit_answer` (set by the test), or UNAVAILABLE when
  // `audit_unavailable`; keeps the request.
  grpc::Status VerifyAuditLog(grpc::ServerContext*,
                              const redress::common::v1::VerifyAuditLogRequest* request,
                              redress::common::v1::VerifyAuditLogResponse* response) override {
    absl::MutexLock lock(&mutex_);
    last_audit_request_ = *request;
    if (audit_unavailable_) {
      return ToGrpcStatus(absl::UnavailableError("the audit log cannot be read"), kDomain);
    }
    *response = audit_answer_;
    return grpc::Status::OK;
  }
  void set_audit_answer(const redress::common::v1::VerifyAuditLogResponse& answer,
                        bool unavailable = false) {
    absl::MutexLock lock(&mutex_);
    audit_answer_ = answer;
    audit_unavailable_ = unavailable;
  }
  redress::common::v1::VerifyAuditLogRequest last_audit_request() {
    absl::MutexLock lock(&mutex_);
    return last_audit_request_;
  }

  // Parked hand-offs: handoffs/1 and handoffs/2 are parked, listed one per page. Re-drive and
  // discard keep their request; either of a name other than those is FAILED_PRECONDITION
  // (delivered).
  grpc::Status ListParkedHandoffs(
      grpc::ServerContext*, const redress::common::v1::ListParkedHandoffsRequest* request,
      redress::common::v1::ListParkedHandoffsResponse* response) override {
    const bool second = request->page_token() == "2";
    *response->add_handoffs() = ParkedHandoff(second ? 2 : 1);
    if (!second) response->set_next_page_token("2");
    response->set_total_size(2);
    return grpc::Status::OK;
  }
  grpc::Status GetHandoff(grpc::ServerContext*,
                          const redress::common::v1::GetHandoffRequest* request,
                          redress::common::v1::Handoff* response) override {
    if (request->name() != "handoffs/1") return ToGrpcStatus(NotFound(request->name()), kDomain);
    *response = ParkedHandoff(1);
    return grpc::Status::OK;
  }
  grpc::Status RedriveHandoff(grpc::ServerContext*,
                              const redress::common::v1::RedriveHandoffRequest* request,
                              redress::common::v1::Handoff* response) override {
    absl::MutexLock lock(&mutex_);
    last_redrive_ = *request;
    return ChangeParked(request->name(), "re-drive", redress::common::v1::Handoff::STATE_PENDING,
                        response);
  }
  grpc::Status DiscardHandoff(grpc::ServerContext*,
                              const redress::common::v1::DiscardHandoffRequest* request,
                              redress::common::v1::Handoff* response) override {
    absl::MutexLock lock(&mutex_);
    last_discard_ = *request;
    return ChangeParked(request->name(), "discard", redress::common::v1::Handoff::STATE_DISCARDED,
                        response);
  }
  redress::common::v1::RedriveHandoffRequest last_redrive() {
    absl::MutexLock lock(&mutex_);
    return last_redrive_;
  }
  redress::common::v1::DiscardHandoffRequest last_discard() {
    absl::MutexLock lock(&mutex_);
    return last_discard_;
  }
  static redress::common::v1::Handoff ParkedHandoff(int id) {
    redress::common::v1::Handoff handoff;
    handoff.set_name("handoffs/" + std::to_string(id));
    handoff.set_handoff_key("complaints/c-" + std::to_string(id) + "/acceptance");
    handoff.set_case_name("complaints/c-" + std::to_string(id));
    handoff.set_state(redress::common::v1::Handoff::STATE_PARKED);
    handoff.set_park_reason(redress::common::v1::Handoff::PARK_REASON_REFUSED);
    handoff.mutable_park_time()->set_seconds(1769850000);  // 2026-01-31T09:00:00Z
    handoff.set_attempts(1);
    handoff.set_last_error("INVALID_ARGUMENT: request_id was already used for a different body");
    return handoff;
  }

  intake::v1::ListComplaintsRequest last_list_request() {
    absl::MutexLock lock(&mutex_);
    return last_list_request_;
  }

  static intake::v1::Complaint FixedComplaint() {
    intake::v1::Complaint complaint;
    complaint.set_name(kComplaintName);
    complaint.set_state(intake::v1::COMPLAINT_STATE_ACCEPTED);
    complaint.set_what_went_wrong("Le café — the adviser’s report was late");
    complaint.mutable_receive_date()->set_year(2026);
    complaint.mutable_receive_date()->set_month(1);
    complaint.mutable_receive_date()->set_day(31);
    complaint.mutable_create_time()->set_seconds(1769850000);  // 2026-01-31T09:00:00Z
    return complaint;
  }

 private:
  static constexpr char kDomain[] = "intake.redress";

  static grpc::Status ChangeParked(const std::string& name, const std::string& action,
                                   redress::common::v1::Handoff::State state,
                                   redress::common::v1::Handoff* response) {
    if (name != "handoffs/1" && name != "handoffs/2") {
      return ToGrpcStatus(InvalidStateTransition(name, "DELIVERED", action), kDomain);
    }
    *response = ParkedHandoff(name == "handoffs/1" ? 1 : 2);
    response->set_state(state);
    return grpc::Status::OK;
  }

  absl::Mutex mutex_;
  intake::v1::ListComplaintsRequest last_list_request_ ABSL_GUARDED_BY(mutex_);
  redress::common::v1::VerifyAuditLogResponse audit_answer_ ABSL_GUARDED_BY(mutex_);
  bool audit_unavailable_ ABSL_GUARDED_BY(mutex_) = false;
  redress::common::v1::VerifyAuditLogRequest last_audit_request_ ABSL_GUARDED_BY(mutex_);
  redress::common::v1::RedriveHandoffRequest last_redrive_ ABSL_GUARDED_BY(mutex_);
  redress::common::v1::DiscardHandoffRequest last_discard_ ABSL_GUARDED_BY(mutex_);
};

// The fake on a running server; `address()` is "127.0.0.1:<port>".
class FakeIntakeServer {
 public:
  // Null when the server cannot start.
  static std::unique_ptr<FakeIntakeServer> Start() {
    auto fake = std::unique_ptr<FakeIntakeServer>(new FakeIntakeServer());
    ServerConfig config;
    config.listen_address = "127.0.0.1:0";
    config.drain_timeout = absl::Seconds(1);
    config.log_name = "fake-intake";
    auto server = RunningServer::Start(config, {{&fake->service_, "redress.intake.v1.Intake"}});
    if (!server.ok()) return nullptr;
    fake->server_ = *std::move(server);
    return fake;
  }

  std::string address() const { return server_->address(); }
  FakeIntakeService& service() { return service_; }

 private:
  FakeIntakeServer() = default;

  FakeIntakeService service_;
  std::unique_ptr<RunningServer> server_;
};

}  // namespace redress::cli::testing
