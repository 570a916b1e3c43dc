// The sequencing of `redress export-personal-data` and `erase-personal-data` against a scripted
// call function: who is asked what, in which order, in batches, and where a refusal stops it.
#include "tools/redress_cli/personal_data.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "redress/investigation/v1/investigation.pb.h"

namespace redress::cli {
namespace {

namespace inv1 = ::redress::intake::v1;
namespace iv1 = ::redress::investigation::v1;
namespace rv1 = ::redress::remedy::v1;

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

// Services holding `complaints` in intake, one investigation per complaint ("i-<id>"), and in
// remedy one case per investigation; every call is recorded as "service Method query".
class ScriptedServices {
 public:
  explicit ScriptedServices(int complaints) {
    for (int i = 0; i < complaints; ++i) ids_.push_back(absl::StrCat("c", i));
  }

  // Investigation's export carries only the last of three evidence items and of two comments, as
  // for a long case; ListEvidence answers in pages of two.
  void CarryOnlyTheMostRecent() { long_lists_ = true; }

  // The service and method that answer `status` instead.
  void Refuse(const std::string& service, const std::string& method, grpc::Status status) {
    refusals_[service + " " + method] = std::move(status);
  }

  PersonalDataCall call() {
    return [this](const std::string& service, const std::string& method,
                  const google::protobuf::Message& request, google::protobuf::Message& response) {
      std::string query;
      if (const auto* l = dynamic_cast<const iv1::ListEvidenceRequest*>(&request)) {
        query = absl::StrCat(l->parent(), " ", l->page_token());
      } else if (const auto* c = dynamic_cast<const iv1::ListCommentsRequest*>(&request)) {
        query = absl::StrCat(c->parent(), " ", c->page_token());
      } else if (const auto* r = dynamic_cast<const inv1::ExportPersonalDataRequest*>(&request)) {
        query = r->query().ShortDebugString();
      } else if (const auto* e = dynamic_cast<const inv1::ErasePersonalDataRequest*>(&request)) {
        query = e->query().ShortDebugString();
      } else {
        // Investigation's and remedy's queries: count the names.
        const google::protobuf::Message& q = request.GetReflection()->GetMessage(
            request, request.GetDescriptor()->FindFieldByName("query"));
        const auto* d = q.GetDescriptor();
        query = absl::StrCat(q.GetReflection()->FieldSize(q, d->FindFieldByName("complaints")),
                             " complaints ",
                             q.GetReflection()->FieldSize(q, d->FindFieldByName("investigations")),
                             " investigations");
      }
      calls.push_back(absl::StrCat(service, " ", method, " ", query));
      auto refused = refusals_.find(service + " " + method);
      if (refused != refusals_.end()) return refused->second;
      Answer(service, method, request, response);
      return grpc::Status::OK;
    };
  }

  std::vector<std::string> calls;

 private:
  void Answer(const std::string& service, const std::string& method,
              const google::protobuf::Message& request, google::protobuf::Message& response) {
    if (service == "intake" && method == "ExportPersonalData") {
      auto& out = static_cast<inv1::ExportPersonalDataResponse&>(response);
      for (const std::string& id : ids_) {
        out.add_complaints()->mutable_complaint()->set_name("complaints/" + id);
      }
    } else if (service == "investigation" && method == "ExportPersonalData") {
      const auto& in = static_cast<const iv1::ExportPersonalDataRequest&>(request);
      auto& out = static_cast<iv1::ExportPersonalDataResponse&>(response);
      for (const std::string& complaint : in.query().complaints()) {
        iv1::Investigation& investigation = *out.add_investigations()->mutable_investigation();
        investigation.set_name("investigations/i-" + complaint.substr(complaint.find('/') + 1));
        if (long_lists_) {
          investigation.set_evidence_count(3);
          investigation.add_evidence()->set_evidence_id("e3");
          investigation.mutable_provisional_view()->set_comment_count(2);
          investigation.mutable_provisional_view()->add_comments()->set_comment_id("c2");
        }
      }
    } else if (method == "ListEvidence") {
      const auto& in = static_cast<const iv1::ListEvidenceRequest&>(request);
      auto& out = static_cast<iv1::ListEvidenceResponse&>(response);
      const bool first = in.page_token().empty();
      for (const char* id :
           first ? std::vector<const char*>{"e1", "e2"} : std::vector<const char*>{"e3"}) {
        out.add_evidence()->set_evidence_id(id);
      }
      if (first) out.set_next_page_token("page-2");
    } else if (method == "ListComments") {
      auto& out = static_cast<iv1::ListCommentsResponse&>(response);
      out.add_comments()->set_comment_id("c1");
      out.add_comments()->set_comment_id("c2");
    } else if (service == "remedy" && method == "ExportPersonalData") {
      const auto& in = static_cast<const rv1::ExportPersonalDataRequest&>(request);
      auto& out = static_cast<rv1::ExportPersonalDataResponse&>(response);
      for (const std::string& name : in.query().investigations()) {
        out.add_cases()->set_investigation(name);
      }
    } else if (service == "remedy") {
      const auto& in = static_cast<const rv1::ErasePersonalDataRequest&>(request);
      auto& out = static_cast<rv1::ErasePersonalDataResponse&>(response);
      for (const std::string& name : in.query().investigations())
        out.add_erased_investigations(name);
    } else if (service == "investigation") {
      const auto& in = static_cast<const iv1::ErasePersonalDataRequest&>(request);
      auto& out = static_cast<iv1::ErasePersonalDataResponse&>(response);
      for (const std::string& name : in.query().investigations()) {
        out.add_already_erased_investigations(name);
      }
    } else {
      auto& out = static_cast<inv1::ErasePersonalDataResponse&>(response);
      for (const std::string& id : ids_) out.add_erased_complaints("complaints/" + id);
    }
  }

  std::vector<std::string> ids_;
  std::map<std::string, grpc::Status> refusals_;
  bool long_lists_ = false;
};

TEST(PersonalDataCliTest, ExportAsksIntakeThenInvestigationThenRemedyWithWhatEachFound) {
  ScriptedServices services(2);
  const PersonalDataExport exported =
      ExportPersonalData({"ann@example.org", {"complaints/c0"}}, services.call());
  EXPECT_FALSE(exported.failure.has_value());
  EXPECT_THAT(services.calls,
              ElementsAre(HasSubstr("intake ExportPersonalData email: \"ann@example.org\" "
                                    "complaints: \"complaints/c0\""),
                          "investigation ExportPersonalData 2 complaints 0 investigations",
                          "remedy ExportPersonalData 2 complaints 2 investigations"));
  EXPECT_THAT(exported.intake.complaints(), SizeIs(2));
  EXPECT_THAT(exported.investigation.investigations(), SizeIs(2));
  ASSERT_THAT(exported.remedy.cases(), SizeIs(2));
  EXPECT_EQ(exported.remedy.cases(1).investigation(), "investigations/i-c1");
}

TEST(PersonalDataCliTest, TheExportReadsEveryEvidenceItemAndCommentOfALongCase) {
  ScriptedServices services(1);
  services.CarryOnlyTheMostRecent();
  const PersonalDataExport exported = ExportPersonalData({"ann@example.org", {}}, services.call());
  EXPECT_FALSE(exported.failure.has_value());
  EXPECT_THAT(services.calls,
              ElementsAre(HasSubstr("intake"), HasSubstr("investigation ExportPersonalData"),
                          "investigation ListEvidence investigations/i-c0 ",
                          "investigation ListEvidence investigations/i-c0 page-2",
                          "investigation ListComments investigations/i-c0 ",
                          HasSubstr("remedy ExportPersonalData")));
  ASSERT_THAT(exported.investigation.investigations(), SizeIs(1));
  const iv1::Investigation& investigation =
      exported.investigation.investigations(0).investigation();
  ASSERT_THAT(investigation.evidence(), SizeIs(3));
  EXPECT_EQ(investigation.evidence(0).evidence_id(), "e1");
  EXPECT_EQ(investigation.evidence(2).evidence_id(), "e3");
  ASSERT_THAT(investigation.provisional_view().comments(), SizeIs(2));
  EXPECT_EQ(investigation.provisional_view().comments(0).comment_id(), "c1");
}

TEST(PersonalDataCliTest, LongListsAreSentInBatchesAndTheAnswersMerged) {
  ScriptedServices services(250);
  const PersonalDataExport exported = ExportPersonalData({"ann@example.org", {}}, services.call());
  EXPECT_FALSE(exported.failure.has_value());
  EXPECT_THAT(services.calls,
              ElementsAre(HasSubstr("intake"),
                          "investigation ExportPersonalData 100 complaints 0 investigations",
                          "investigation ExportPersonalData 100 complaints 0 investigations",
                          "investigation ExportPersonalData 50 complaints 0 investigations",
                          "remedy ExportPersonalData 100 complaints 100 investigations",
                          "remedy ExportPersonalData 100 complaints 100 investigations",
                          "remedy ExportPersonalData 50 complaints 50 investigations"));
  EXPECT_THAT(exported.remedy.cases(), SizeIs(250));
}

TEST(PersonalDataCliTest, ErasureGoesRemedyInvestigationIntakeAndReportsEach) {
  ScriptedServices services(1);
  const PersonalDataErasure erased = ErasePersonalData({"ann@example.org", {}}, services.call());
  EXPECT_FALSE(erased.failure.has_value());
  EXPECT_THAT(services.calls,
              ElementsAre(HasSubstr("intake ExportPersonalData"),
                          HasSubstr("investigation ExportPersonalData"),
                          "remedy ErasePersonalData 1 complaints 1 investigations",
                          "investigation ErasePersonalData 1 complaints 1 investigations",
                          HasSubstr("intake ErasePersonalData email: \"ann@example.org\"")));
  EXPECT_EQ(FormatErasure(erased),
            "remedy: erased 1 case, 0 erased before: investigations/i-c0\n"
            "investigation: erased 0 investigations, 1 erased before: investigations/i-c0\n"
            "intake: erased 1 complaint, 0 erased before: complaints/c0\n");
}

TEST(PersonalDataCliTest, ARefusalStopsTheErasureBeforeTheServicesAfterIt) {
  ScriptedServices services(1);
  services.Refuse("investigation", "ErasePersonalData",
                  grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "not closed"));
  const PersonalDataErasure erased = ErasePersonalData({"ann@example.org", {}}, services.call());
  ASSERT_TRUE(erased.failure.has_value());
  EXPECT_EQ(erased.failure->service, "investigation");
  EXPECT_EQ(erased.failure->status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_TRUE(erased.remedy.has_value());
  EXPECT_FALSE(erased.intake.has_value());
  EXPECT_THAT(services.calls, Not(testing::Contains(HasSubstr("intake ErasePersonalData"))));
  const std::string report = FormatErasure(erased);
  EXPECT_THAT(report, HasSubstr("remedy: erased 1 case"));
  EXPECT_THAT(report,
              HasSubstr("investigation: ErasePersonalData failed; nothing erased in intake"));
}

TEST(PersonalDataCliTest, AFailedLookupErasesNothing) {
  ScriptedServices services(1);
  services.Refuse("intake", "ExportPersonalData",
                  grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "administrators only"));
  const PersonalDataErasure erased = ErasePersonalData({"ann@example.org", {}}, services.call());
  ASSERT_TRUE(erased.failure.has_value());
  EXPECT_EQ(erased.failure->service, "intake");
  EXPECT_THAT(services.calls, SizeIs(1));
  EXPECT_THAT(FormatErasure(erased), HasSubstr("nothing erased in remedy, investigation, intake"));
}

}  // namespace
}  // namespace redress::cli
