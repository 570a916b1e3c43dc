#include "tests/case_fixture.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <fstream>
#include <iterator>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace redress::testing {
namespace {

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Collects the parser's complaints so that a broken fixture says where it is broken.
class ParseErrors : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    errors_.push_back(absl::StrCat(line + 1, ":", column + 1, ": ", message));
  }
  std::string ToString() const { return absl::StrJoin(errors_, "; "); }

 private:
  std::vector<std::string> errors_;
};

void FillDates(e2e::CaseFixture& fixture, absl::CivilDay today) {
  const e2e::ComplaintDates& dates = fixture.dates();
  redress::intake::v1::Complaint& complaint = *fixture.mutable_complaint();
  *complaint.mutable_aware_date() = ToDate(today - dates.aware_days_ago());
  if (dates.has_complained_days_ago()) {
    *complaint.mutable_complained_to_organisation_date() =
        ToDate(today - dates.complained_days_ago());
  }
  if (dates.has_final_response_days_ago()) {
    *complaint.mutable_final_response_date() = ToDate(today - dates.final_response_days_ago());
  }
  if (dates.has_mp_referral_days_ago()) {
    *complaint.mutable_mp_referral()->mutable_referral_date() =
        ToDate(today - dates.mp_referral_days_ago());
  }
  for (e2e::RecommendationFixture& r : *fixture.mutable_recommendations()) {
    *r.mutable_recommendation()->mutable_target_date() = ToDate(today + r.target_in_days());
  }
}

}  // namespace

redress::common::v1::Date ToDate(absl::CivilDay day) {
  redress::common::v1::Date date;
  date.set_year(static_cast<int>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

absl::StatusOr<LoadedCase> LoadCase(const std::string& directory, const std::string& name,
                                    absl::CivilDay today) {
  const std::string base = absl::StrCat(directory, "/", name);
  absl::StatusOr<std::string> text = ReadWholeFile(base + ".textproto");
  if (!text.ok()) return text.status();
  absl::StatusOr<std::string> expected = ReadWholeFile(base + ".expected.txt");
  if (!expected.ok()) return expected.status();

  LoadedCase loaded;
  loaded.name = name;
  loaded.today = today;
  loaded.expected_text = *std::move(expected);
  google::protobuf::TextFormat::Parser parser;
  ParseErrors errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(*text, &loaded.fixture)) {
    return absl::InvalidArgumentError(
        absl::StrCat(base, ".textproto does not parse: ", errors.ToString()));
  }
  FillDates(loaded.fixture, today);
  return loaded;
}

}  // namespace redress::testing
