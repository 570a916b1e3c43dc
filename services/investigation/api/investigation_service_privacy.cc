// InvestigationService's privacy handlers: the subject access export and erasure
// (docs/privacy.md).
#include <string>
#include <utility>
#include <vector>

#include "common/handler.h"
#include "common/proto_time.h"
#include "common/status_macros.h"
#include "services/investigation/api/investigation_access.h"
#include "services/investigation/api/investigation_service.h"
#include "services/investigation/api/proto_convert.h"

namespace redress::investigation {
namespace {

namespace v1 = ::redress::investigation::v1;

PersonalDataQuery QueryFromProto(const v1::PersonalDataQuery& proto) {
  PersonalDataQuery query;
  query.complaints.assign(proto.complaints().begin(), proto.complaints().end());
  query.investigations.assign(proto.investigations().begin(), proto.investigations().end());
  return query;
}

}  // namespace

grpc::ServerUnaryReactor* InvestigationService::ExportPersonalData(
    grpc::CallbackServerContext* context, const v1::ExportPersonalDataRequest* request,
    v1::ExportPersonalDataResponse* response) {
  return Serve(context, request, Calls(), "ExportPersonalData", [=]() -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<InvestigationPersonalData> found,
                     logic_.ExportPersonalData(QueryFromProto(request->query())));
    for (const InvestigationPersonalData& entry : found) {
      v1::InvestigationPersonalData* out = response->add_investigations();
      *out->mutable_investigation() = InvestigationToProto(entry.investigation);
      if (entry.erase_time.has_value()) {
        *out->mutable_erase_time() = TimeToProto(*entry.erase_time);
      }
    }
    return absl::OkStatus();
  });
}

grpc::ServerUnaryReactor* InvestigationService::ErasePersonalData(
    grpc::CallbackServerContext* context, const v1::ErasePersonalDataRequest* request,
    v1::ErasePersonalDataResponse* response) {
  return Serve(context, request, Calls(), "ErasePersonalData", [=]() -> absl::Status {
    ASSIGN_OR_RETURN(ErasureOutcome outcome,
                     logic_.ErasePersonalData(QueryFromProto(request->query())));
    for (std::string& name : outcome.erased) response->add_erased_investigations(std::move(name));
    for (std::string& name : outcome.already_erased) {
      response->add_already_erased_investigations(std::move(name));
    }
    return absl::OkStatus();
  });
}

}  // namespace redress::investigation
