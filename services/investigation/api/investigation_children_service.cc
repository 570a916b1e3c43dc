// InvestigationService's sub-collections (AIP-132): an investigation's evidence and its comments,
// page by page. The investigation carries only its most recent ones (docs/limits.md); these read
// them all. Who may call them and which investigations they reach: as GetInvestigation.
#include <string>

#include "common/caller_reach.h"
#include "common/handler.h"
#include "common/status_macros.h"
#include "services/investigation/api/investigation_access.h"
#include "services/investigation/api/investigation_reach.h"
#include "services/investigation/api/investigation_service.h"
#include "services/investigation/api/proto_convert.h"

namespace redress::investigation {
namespace {

namespace v1 = ::redress::investigation::v1;

template <typename Request>
ChildListRequest ChildListRequestFromProto(const Request& request) {
  ChildListRequest list;
  list.parent = request.parent();
  list.page_size = request.page_size();
  list.page_token = request.page_token();
  return list;
}

}  // namespace

grpc::ServerUnaryReactor* InvestigationService::ListEvidence(grpc::CallbackServerContext* context,
                                                             const v1::ListEvidenceRequest* request,
                                                             v1::ListEvidenceResponse* response) {
  return Serve(context, request, Calls(), "ListEvidence",
               [=](const Principal& caller) -> absl::Status {
                 ASSIGN_OR_RETURN(ChildPage<EvidenceItem> page,
                                  logic_.ListEvidence(ChildListRequestFromProto(*request)));
                 RETURN_IF_ERROR(CheckReaches(CallerReach(caller), page.parent));
                 const std::string parent = page.parent.name();
                 for (const EvidenceItem& item : page.items) {
                   *response->add_evidence() = EvidenceItemToProto(item, parent);
                 }
                 response->set_next_page_token(page.next_page_token);
                 response->set_total_size(page.total_size);
                 return absl::OkStatus();
               });
}

grpc::ServerUnaryReactor* InvestigationService::ListComments(grpc::CallbackServerContext* context,
                                                             const v1::ListCommentsRequest* request,
                                                             v1::ListCommentsResponse* response) {
  return Serve(context, request, Calls(), "ListComments",
               [=](const Principal& caller) -> absl::Status {
                 ASSIGN_OR_RETURN(ChildPage<Comment> page,
                                  logic_.ListComments(ChildListRequestFromProto(*request)));
                 RETURN_IF_ERROR(CheckReaches(CallerReach(caller), page.parent));
                 const std::string parent = page.parent.name();
                 for (const Comment& comment : page.items) {
                   *response->add_comments() = CommentToProto(comment, parent);
                 }
                 response->set_next_page_token(page.next_page_token);
                 response->set_total_size(page.total_size);
                 return absl::OkStatus();
               });
}

}  // namespace redress::investigation
