// IntakeService's privacy handlers: the subject access export and erasure (docs/privacy.md).
#include <utility>

#include "common/handler.h"
#include "common/proto_time.h"
#include "common/status_macros.h"
#include "services/intake/api/intake_access.h"
#include "services/intake/api/intake_service.h"
#include "services/intake/api/proto_convert.h"

namespace redress::intake {
namespace {

namespace v1 = ::redress::intake::v1;

PersonalDataQuery QueryFromProto(const v1::PersonalDataQuery& proto) {
  PersonalDataQuery query;
  query.email = proto.email();
  query.complaints.assign(proto.complaints().begin(), proto.complaints().end());
  return query;
}

}  // namespace

grpc::ServerUnaryReactor* IntakeService::ExportPersonalData(
    grpc::CallbackServerContext* context, const v1::ExportPersonalDataRequest* request,
    v1::ExportPersonalDataResponse* response) {
  return Serve(context, request, Calls(), "ExportPersonalData", [=]() -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<ComplaintPersonalData> found,
                     logic_.ExportPersonalData(QueryFromProto(request->query())));
    for (const ComplaintPersonalData& entry : found) {
      v1::ComplaintPersonalData* out = response->add_complaints();
      *out->mutable_complaint() = ComplaintToProto(entry.complaint);
      if (entry.erase_time.has_value()) {
        *out->mutable_erase_time() = TimeToProto(*entry.erase_time);
      }
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* IntakeService::ErasePersonalData(
    grpc::CallbackServerContext* context, const v1::ErasePersonalDataRequest* request,
    v1::ErasePersonalDataResponse* response) {
  return Serve(context, request, Calls(), "ErasePersonalData", [=]() -> absl::Status {
    ASSIGN_OR_RETURN(ErasureOutcome outcome,
                     logic_.ErasePersonalData(QueryFromProto(request->query())));
    for (std::string& name : outcome.erased) response->add_erased_complaints(std::move(name));
    for (std::string& name : outcome.already_erased) {
      response->add_already_erased_complaints(std::move(name));
    }
    return absl::OkStatus();
  });
}

}  // namespace redress::intake
