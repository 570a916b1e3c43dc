#include "common/handler.h"

#include <gmock/gmock.h>
#include <grpcpp/server_context.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "common/audit/audit_scope.h"
#include "common/errors.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace redress {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kDomain[] = "test.redress";
// What a store reports when a commit fails: nothing a client should see.
constexpr char kStoreFailure[] =
    "disk I/O error in COMMIT while executing \"UPDATE complaints SET state = ?2 WHERE id = ?1\"";

// The ErrorInfo and the count of every detail in a grpc::Status's details trailer.
struct Trailer {
  google::rpc::ErrorInfo error_info;
  int details = 0;
};

Trailer TrailerOf(const grpc::Status& status) {
  Trailer trailer;
  google::rpc::Status rpc;
  EXPECT_TRUE(rpc.ParseFromString(status.error_details()));
  trailer.details = rpc.details_size();
  for (const google::protobuf::Any& any : rpc.details()) {
    if (any.Is<google::rpc::ErrorInfo>()) any.UnpackTo(&trailer.error_info);
  }
  return trailer;
}

// Runs ServeCall on a context with no deadline that is not cancelled, capturing what it logs.
class ServeCallTest : public ::testing::Test {
 protected:
  template <typename Body>
  grpc::Status Serve(Body&& body) {
    ::testing::internal::CaptureStderr();
    grpc::Status status = ServeCall(&context_, policy_, "Frobnicate", std::forward<Body>(body));
    log_ = ::testing::internal::GetCapturedStderr();
    return status;
  }

  // Expects the generic answer to an unexpected failure, with nothing of `secret` in it.
  static void ExpectGenericInternal(const grpc::Status& status, const std::string& secret) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
    EXPECT_EQ(status.error_message(), "internal error");
    Trailer trailer = TrailerOf(status);
    EXPECT_EQ(trailer.details, 1);  // the ErrorInfo only
    EXPECT_EQ(trailer.error_info.reason(), "INTERNAL");
    EXPECT_EQ(trailer.error_info.domain(), kDomain);
    EXPECT_THAT(trailer.error_info.metadata(), IsEmpty());
    EXPECT_THAT(status.error_details(), Not(HasSubstr(secret)));
  }

  grpc::ServerContext context_;
  const CallPolicy policy_{kDomain, {{"Frobnicate", {}, {}}}};
  std::string log_;
};

TEST_F(ServeCallTest, AnswersOkWhenTheBodySucceeds) {
  bool ran = false;
  grpc::Status status = Serve([&] {
    ran = true;
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok());
  EXPECT_TRUE(ran);
  EXPECT_THAT(log_, IsEmpty());
}

TEST_F(ServeCallTest, TheBodyRunsAsTheCallersAuditCallAndOnlyTheBody) {
  audit::AuditCall seen;
  grpc::Status status = Serve([&](const Principal& caller) {
    seen = audit::CurrentAuditCall(audit::SystemAuditCall("none"));
    EXPECT_EQ(seen.actor, caller.Actor());
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(seen.actor, DevelopmentPrincipal().Actor());
  EXPECT_EQ(seen.rpc, "test.Frobnicate");
  EXPECT_EQ(audit::CurrentAuditCall(audit::SystemAuditCall("none")).actor, "system:none");
}

TEST_F(ServeCallTest, PassesAnExpectedErrorThroughWithItsMessageAndDetails) {
  grpc::Status status = Serve([] { return NotFound("complaints/c9"); });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("complaints/c9"));
  Trailer trailer = TrailerOf(status);
  EXPECT_EQ(trailer.error_info.reason(), "NOT_FOUND");
  EXPECT_EQ(trailer.error_info.domain(), kDomain);
  EXPECT_THAT(log_, IsEmpty());  // the per-call log line is the server's, not the handler's
}

TEST_F(ServeCallTest, HidesAnInternalErrorFromTheClientAndLogsItInFull) {
  grpc::Status status = Serve([] {
    return WithErrorInfo(absl::InternalError(kStoreFailure), "SQLITE_IOERR", {{"file", "/data"}});
  });
  ExpectGenericInternal(status, "disk");
  EXPECT_THAT(status.error_message(), Not(HasSubstr("disk")));
  EXPECT_THAT(status.error_details(), Not(HasSubstr("SQLITE_IOERR")));
  EXPECT_THAT(status.error_details(), Not(HasSubstr("/data")));
  EXPECT_THAT(log_, AllOf(HasSubstr("\"level\":\"error\""), HasSubstr("\"method\":\"Frobnicate\""),
                          HasSubstr("\"code\":\"INTERNAL\""),
                          HasSubstr("disk I/O error in COMMIT while executing")));
}

TEST_F(ServeCallTest, HidesUnknownAndDataLossErrorsToo) {
  for (const absl::Status& failure :
       {absl::UnknownError("peer said: secret stack trace"),
        absl::DataLossError("secret page 7 of /data/intake.db is corrupt")}) {
    SCOPED_TRACE(failure.ToString());
    grpc::Status status = Serve([&] { return failure; });
    ExpectGenericInternal(status, "secret");
    EXPECT_THAT(log_, AllOf(HasSubstr(absl::StatusCodeToString(failure.code())),
                            HasSubstr(std::string(failure.message()))));
  }
}

TEST_F(ServeCallTest, AStoreErrorKeepsItsCodeAndDetailsButNotItsSqlMessage) {
  const std::string sql =
      "running UPDATE complaints SET state = ?1 WHERE id = ?2: database is locked";
  grpc::Status busy = Serve([&] { return WithInternalDetail(absl::UnavailableError(sql)); });
  EXPECT_EQ(busy.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(busy.error_message(), "the database is busy or unreachable; retry the call");
  EXPECT_THAT(busy.error_details(), Not(HasSubstr("UPDATE")));
  EXPECT_THAT(log_, AllOf(HasSubstr("\"level\":\"warning\""), HasSubstr("\"code\":\"UNAVAILABLE\""),
                          HasSubstr("UPDATE complaints")));

  // A store's contract error built on a marked status keeps its ErrorInfo (clients branch on it).
  grpc::Status exists = Serve([&] {
    return WithErrorInfo(WithInternalDetail(absl::AlreadyExistsError("INSERT INTO complaints")),
                         reason::kAlreadyExists);
  });
  EXPECT_EQ(exists.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_THAT(exists.error_message(), Not(HasSubstr("INSERT")));
  EXPECT_EQ(TrailerOf(exists).error_info.reason(), "ALREADY_EXISTS");

  // Unexpected codes stay hidden behind the generic INTERNAL answer, marked or not.
  ExpectGenericInternal(Serve([&] { return WithInternalDetail(absl::InternalError(sql)); }),
                        "UPDATE");
}

TEST_F(ServeCallTest, AnExceptionFromTheBodyIsLoggedAndAnsweredInternal) {
  grpc::Status status = Serve([]() -> absl::Status { throw std::runtime_error("secret boom"); });
  ExpectGenericInternal(status, "boom");
  EXPECT_THAT(log_, AllOf(HasSubstr("\"method\":\"Frobnicate\""), HasSubstr("secret boom")));
}

TEST_F(ServeCallTest, AnExceptionOfAnyTypeIsAnsweredInternal) {
  grpc::Status status = Serve([]() -> absl::Status { throw 42; });
  ExpectGenericInternal(status, "unknown");
  EXPECT_THAT(log_, HasSubstr("unknown type"));
}

TEST(ClientStatusTest, MapsExpectedErrorsLikeToGrpcStatus) {
  const absl::Status invalid = InvalidArgument({{"name", "name is required"}});
  grpc::Status status = ClientStatus(invalid, kDomain, "Frobnicate");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), std::string(invalid.message()));
  EXPECT_GE(TrailerOf(status).details, 2);  // the BadRequest and the ErrorInfo
}

}  // namespace
}  // namespace redress
