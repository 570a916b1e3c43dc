// InvestigationLogic: opening (idempotent, with its defaults), reading, etags and concurrent
// changes, and the ids given to points, evidence, comments and recommendations.
#include "services/investigation/investigation_logic.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/investigation/investigation_logic_test_support.h"

namespace redress::investigation {
namespace {

using redress::testing::IsOk;
using redress::testing::StatusIs;
using ::testing::ElementsAre;
using testing::InvestigationLogicTest;
using testing::kToday;
using testing::ValidSnapshot;
using testing::ViolatedFields;

TEST_F(InvestigationLogicTest, OpensUnassignedWithDefaultsFromTheSnapshot) {
  Investigation i = Ok(logic_.OpenInvestigation("complaints/c1/acceptance", "fp", ValidSnapshot()));
  EXPECT_EQ(i.id, "id1");
  EXPECT_EQ(i.name(), "investigations/id1");
  EXPECT_EQ(i.state, InvestigationState::kUnassigned);
  EXPECT_EQ(i.version, 1);
  EXPECT_EQ(i.sequence, 1);
  EXPECT_EQ(i.complaint, ValidSnapshot());
  EXPECT_THAT(i.organisations_investigated,
              ElementsAre(OrganisationInvestigated{
                  "organisations/cafcass",
                  "Children and Family Court Advisory and Support Service (Cafcass)"}));
  EXPECT_EQ(i.location, "UK");
  EXPECT_EQ(i.create_time, absl::FromUnixMicros(absl::ToUnixMicros(clock_.Now())));
  EXPECT_EQ(Ok(logic_.GetInvestigation(i.name())), i);
}

TEST_F(InvestigationLogicTest, WithoutPublishedNamesTheOrganisationIdStandsIn) {
  ComplaintSnapshot snapshot = ValidSnapshot();
  snapshot.organisation_published_names.clear();
  snapshot.default_location.clear();
  Investigation i = Ok(logic_.OpenInvestigation("complaints/c1/acceptance", "fp", snapshot));
  EXPECT_EQ(i.organisations_investigated[0].published_name, "cafcass");
  EXPECT_EQ(i.location, "");
}

TEST_F(InvestigationLogicTest, OpenIsIdempotentOnTheHandoffKey) {
  Investigation first =
      Ok(logic_.OpenInvestigation("complaints/c1/acceptance", "fp", ValidSnapshot()));
  Investigation again =
      Ok(logic_.OpenInvestigation("complaints/c1/acceptance", "fp", ValidSnapshot()));
  EXPECT_EQ(again, first);
  EXPECT_EQ(store_.investigation_count(), 1);
  absl::StatusOr<Investigation> reused =
      logic_.OpenInvestigation("complaints/c1/acceptance", "other", ValidSnapshot("complaints/c2"));
  EXPECT_THAT(reused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(ErrorReasonOf(reused.status()), redress::reason::kRequestIdReused);
  EXPECT_EQ(store_.investigation_count(), 1);
}

TEST_F(InvestigationLogicTest, ARetryStillFindsTheInvestigationAfterItChanged) {
  Investigation first =
      Ok(logic_.OpenInvestigation("complaints/c1/acceptance", "fp", ValidSnapshot()));
  Ok(logic_.AssignCaseworker(first.name(), "cw-1", ""));
  Investigation again =
      Ok(logic_.OpenInvestigation("complaints/c1/acceptance", "fp", ValidSnapshot()));
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(again.caseworker, "cw-1");
}

TEST_F(InvestigationLogicTest, OpenReportsEveryViolationAndStoresNothing) {
  ComplaintSnapshot snapshot;
  snapshot.complaint = "complaint/c1";
  snapshot.organisations = {"organisations/Bad Id"};
  snapshot.organisation_published_names = {"A", "B"};
  snapshot.default_location = "Greater\nManchester";
  FieldViolations decoding;
  decoding.Add("complaint.jurisdiction", "unknown value 9");
  absl::StatusOr<Investigation> result = logic_.OpenInvestigation("", "fp", snapshot, decoding);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(result.status()),
              ElementsAre("complaint.jurisdiction", "request_id", "complaint.complaint",
                          "complaint.complainants_reference", "complaint.organisations[0]",
                          "complaint.what_went_wrong", "complaint.organisation_published_names",
                          "complaint.default_location"));
  EXPECT_EQ(store_.write_calls(), 0);
}

TEST_F(InvestigationLogicTest, GetRefusesMalformedAndUnknownNames) {
  EXPECT_THAT(logic_.GetInvestigation("complaints/x"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(logic_.GetInvestigation("investigations/nope"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(InvestigationLogicTest, AStaleEtagIsAborted) {
  Investigation i = Opened();
  EXPECT_THAT(logic_.AssignCaseworker(i.name(), "cw-1", "7"), StatusIs(absl::StatusCode::kAborted));
  Investigation assigned = Ok(logic_.AssignCaseworker(i.name(), "cw-1", "1"));
  EXPECT_EQ(assigned.version, 2);
  EXPECT_THAT(logic_.AssignCaseworker(i.name(), "cw-2", "1"), StatusIs(absl::StatusCode::kAborted));
}

TEST_F(InvestigationLogicTest, WithoutAnEtagAChangeThatLostARaceIsRedone) {
  Investigation i = Assigned();
  store_.RunBeforeNextWrite(
      [&] { EXPECT_THAT(logic_.AssignCaseworker(i.name(), "cw-9", ""), IsOk()); });
  Investigation logged = Ok(logic_.LogEvidence(
      {i.name(), "ev-1", "fp", "Case notes", Party::kOrganisation, std::nullopt}));
  EXPECT_EQ(logged.caseworker, "cw-9");
  EXPECT_EQ(logged.evidence.size(), 1u);
  EXPECT_EQ(logged.version, i.version + 2);
}

TEST_F(InvestigationLogicTest, WithAnEtagAChangeThatLostARaceIsAborted) {
  Investigation i = Assigned();
  store_.RunBeforeNextWrite(
      [&] { EXPECT_THAT(logic_.AssignCaseworker(i.name(), "cw-9", ""), IsOk()); });
  EXPECT_THAT(logic_.AssignCaseworker(i.name(), "cw-2", std::to_string(i.version)),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(Ok(logic_.GetInvestigation(i.name())).caseworker, "cw-9");
}

TEST_F(InvestigationLogicTest, AgreeScopeNumbersThePointsAndDefaultsTheDate) {
  AgreeScopeCommand command = ScopeCommand(Assigned(), kToday, 30);
  command.agreed_date.reset();
  Investigation i = Ok(logic_.AgreeScope(command));
  EXPECT_EQ(i.scope->agreed_date, kToday);
  ASSERT_EQ(i.points.size(), 2u);
  EXPECT_EQ(i.points[0].point_id, "cp1");
  EXPECT_EQ(i.points[1].point_id, "cp2");
  EXPECT_EQ(i.points[1].description, "The complaint reply was late.");
}

TEST_F(InvestigationLogicTest, LogEvidenceIsIdempotentAndNumbersItems) {
  Investigation i = Assigned();
  LogEvidenceCommand command{i.name(), "ev-1", "fp-1", "Case notes", Party::kOrganisation, {}};
  Investigation first = Ok(logic_.LogEvidence(command));
  EXPECT_EQ(Ok(logic_.LogEvidence(command)), first);
  command.request_id = "ev-2";
  command.received_date = kToday - 3;
  Investigation second = Ok(logic_.LogEvidence(command));
  ASSERT_EQ(second.evidence.size(), 2u);
  EXPECT_EQ(second.evidence[0].evidence_id, "e1");
  EXPECT_EQ(second.evidence[0].received_date, kToday);
  EXPECT_EQ(second.evidence[1].evidence_id, "e2");
  EXPECT_EQ(second.evidence[1].received_date, kToday - 3);
  command.fingerprint = "changed";
  EXPECT_EQ(ErrorReasonOf(logic_.LogEvidence(command).status()), redress::reason::kRequestIdReused);
  // Request ids are per investigation.
  LogEvidenceCommand elsewhere = command;
  elsewhere.name = Assigned().name();
  EXPECT_EQ(Ok(logic_.LogEvidence(elsewhere)).evidence.size(), 1u);
}

TEST_F(InvestigationLogicTest, LogEvidenceRefusesBadValues) {
  Investigation i = Assigned();
  absl::StatusOr<Investigation> result =
      logic_.LogEvidence({i.name(), "bad id!", "fp", "", Party::kUnspecified, kToday + 1});
  EXPECT_THAT(ViolatedFields(result.status()),
              ElementsAre("request_id", "evidence.description", "evidence.source",
                          "evidence.received_date"));
}

TEST_F(InvestigationLogicTest, CommentsAreNumberedAndNotBeforeTheShare) {
  Investigation i = Shared(kToday - 2, 10);
  EXPECT_EQ(Ok(logic_.LogComment(CommentCommand(i, Party::kComplainant, "a")))
                .provisional_view->comments[0]
                .comment_id,
            "c1");
  LogCommentCommand early = CommentCommand(i, Party::kOrganisation, "b");
  early.received_date = kToday - 3;
  EXPECT_THAT(ViolatedFields(logic_.LogComment(early).status()),
              ElementsAre("comment.received_date"));
  LogCommentCommand other = CommentCommand(i, Party::kOther, "c");
  EXPECT_THAT(ViolatedFields(logic_.LogComment(other).status()), ElementsAre("comment.party"));
  Investigation logged = Ok(logic_.LogComment(CommentCommand(i, Party::kOrganisation, "d")));
  EXPECT_EQ(logged.provisional_view->comments[1].comment_id, "c2");
  EXPECT_EQ(logged.provisional_view->comments[1].party, Party::kOrganisation);
}

Recommendation Apology(std::string id = "") {
  Recommendation r;
  r.recommendation_id = std::move(id);
  r.type = RecommendationType::kApology;
  r.beneficiary = Beneficiary::kComplainant;
  r.description = "Apologise to Mr B.";
  r.target_date = kToday + 30;
  return r;
}

TEST_F(InvestigationLogicTest, RecommendationIdsAreKeptWhenSentBack) {
  Investigation i = Investigating();
  Investigation patch;
  patch.recommendations = {Apology(), Apology()};
  Investigation two = Ok(logic_.UpdateInvestigation(i.name(), patch, {"recommendations"}, ""));
  EXPECT_EQ(two.recommendations[0].recommendation_id, "r1");
  EXPECT_EQ(two.recommendations[1].recommendation_id, "r2");
  patch.recommendations = {Apology("r2"), Apology()};
  patch.recommendations[0].description = "Apologise in writing.";
  Investigation kept = Ok(logic_.UpdateInvestigation(i.name(), patch, {"recommendations"}, ""));
  EXPECT_EQ(kept.recommendations[0].recommendation_id, "r2");
  EXPECT_EQ(kept.recommendations[0].description, "Apologise in writing.");
  EXPECT_EQ(kept.recommendations[1].recommendation_id, "r3");
  patch.recommendations = {Apology("r1")};  // removed above
  absl::StatusOr<Investigation> unknown =
      logic_.UpdateInvestigation(i.name(), patch, {"recommendations"}, "");
  EXPECT_THAT(ViolatedFields(unknown.status()),
              ElementsAre("investigation.recommendations[0].recommendation_id"));
}

TEST_F(InvestigationLogicTest, UpdateChangesOnlyTheMaskedFields) {
  Investigation i = Investigating();
  Investigation patch;
  patch.location = "Greater Manchester";
  patch.complaint_types = {"Came to an unsound decision"};
  patch.caseworker = "ignored";
  Investigation updated = Ok(logic_.UpdateInvestigation(i.name(), patch, {"complaint_types"}, ""));
  EXPECT_THAT(updated.complaint_types, ElementsAre("Came to an unsound decision"));
  EXPECT_EQ(updated.location, "UK");
  EXPECT_EQ(updated.caseworker, "cw-1");
  EXPECT_THAT(ViolatedFields(logic_.UpdateInvestigation(i.name(), patch, {}, "").status()),
              ElementsAre("update_mask"));
}

}  // namespace
}  // namespace redress::investigation
