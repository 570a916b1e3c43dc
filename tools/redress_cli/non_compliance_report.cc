#include "tools/redress_cli/non_compliance_report.h"

#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "redress/remedy/v1/remedy.grpc.pb.h"
#include "tools/redress_cli/error_printer.h"
#include "tools/redress_cli/message_format.h"

namespace redress::cli {
namespace {

namespace v1 = ::redress::remedy::v1;
namespace common_v1 = ::redress::common::v1;

constexpr int kPageSize = 500;
// A server that kept answering with a next page would otherwise keep the command going forever.
constexpr int kMaxPages = 10000;
constexpr char kMethod[] = "/redress.remedy.v1.Remedy/ListNonCompliance";

std::string DateText(const common_v1::Date& date) {
  if (date.year() == 0 && date.month() == 0 && date.day() == 0) return "-";
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

// "Non financial loss" for RECOMMENDATION_TYPE_NON_FINANCIAL_LOSS.
std::string TypeText(common_v1::RecommendationType type) {
  std::string name(
      absl::StripPrefix(common_v1::RecommendationType_Name(type), "RECOMMENDATION_TYPE_"));
  if (name.empty()) return absl::StrCat(static_cast<int>(type));
  std::replace(name.begin(), name.end(), '_', ' ');
  absl::AsciiStrToLower(&name);
  name[0] = absl::ascii_toupper(static_cast<unsigned char>(name[0]));
  return name;
}

std::string AmountText(const common_v1::Money& money) {
  const int64_t minor = money.amount_minor();
  return absl::StrFormat("%s%d.%02d %s", minor < 0 ? "-" : "", std::llabs(minor) / 100,
                         std::llabs(minor) % 100, money.currency_code());
}

using Row = std::vector<std::string>;

Row RowOf(const v1::NonCompliance& entry) {
  return {entry.recommendation(),
          entry.investigation(),
          TypeText(entry.type()),
          DateText(entry.target_date()),
          DateText(entry.extended_target_date()),
          DateText(entry.chase_date()),
          DateText(entry.escalation_date()),
          DateText(entry.not_complied_date())};
}

std::string Line(const Row& row, const std::vector<size_t>& widths) {
  std::string line = " ";
  for (size_t i = 0; i < row.size(); ++i) {
    absl::StrAppend(&line, " ", row[i]);
    if (i + 1 < row.size()) line.append(widths[i] - row[i].size() + 1, ' ');
  }
  return line + "\n";
}

std::string Plural(int n, const char* one, const char* many) {
  return absl::StrCat(n, " ", n == 1 ? one : many);
}

std::string Title(const v1::ListNonComplianceResponse& report) {
  const std::string end = DateText(report.end_date());
  const std::string period = report.has_start_date()
                                 ? absl::StrCat("from ", DateText(report.start_date()), " to ", end)
                                 : absl::StrCat("up to ", end);
  return absl::StrCat("Recommendations not complied with: recorded ", period,
                      ", as they stood at the end of ", end, "\n");
}

}  // namespace

std::string FormatNonComplianceTable(const v1::ListNonComplianceResponse& report) {
  std::string out = Title(report);
  if (report.entries().empty()) {
    return out + "\nNo recommendation was recorded as not complied with in this period.\n";
  }
  const Row header = {"RECOMMENDATION", "INVESTIGATION", "TYPE",      "TARGET",
                      "EXTENDED TO",    "CHASED",        "ESCALATED", "NOT COMPLIED"};
  std::vector<size_t> widths(header.size());
  for (size_t i = 0; i < header.size(); ++i) widths[i] = header[i].size();
  for (const v1::NonCompliance& entry : report.entries()) {
    const Row row = RowOf(entry);
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  int organisations = 0;
  for (int i = 0; i < report.entries_size();) {
    const std::string& organisation = report.entries(i).organisation();
    int end = i;
    while (end < report.entries_size() && report.entries(end).organisation() == organisation) ++end;
    ++organisations;
    absl::StrAppend(&out, "\n", report.entries(i).organisation_published_name(), " (", organisation,
                    "): ", Plural(end - i, "recommendation", "recommendations"), "\n",
                    Line(header, widths));
    for (; i < end; ++i) {
      const v1::NonCompliance& entry = report.entries(i);
      absl::StrAppend(&out, Line(RowOf(entry), widths), "      ", entry.description());
      if (entry.has_amount()) absl::StrAppend(&out, " (", AmountText(entry.amount()), ")");
      out += "\n";
    }
  }
  absl::StrAppend(&out, "\n", Plural(report.entries_size(), "recommendation", "recommendations"),
                  " not complied with, by ", Plural(organisations, "organisation", "organisations"),
                  ".\n");
  return out;
}

namespace {

// The request for `options`' period and organisation, a page at a time.
v1::ListNonComplianceRequest RequestFor(const CliOptions& options) {
  v1::ListNonComplianceRequest request;
  auto set_date = [](absl::CivilDay day, common_v1::Date* date) {
    date->set_year(static_cast<int32_t>(day.year()));
    date->set_month(day.month());
    date->set_day(day.day());
  };
  if (options.from) set_date(*options.from, request.mutable_start_date());
  if (options.to) set_date(*options.to, request.mutable_end_date());
  request.set_organisation(options.organisation);
  request.set_page_size(kPageSize);
  return request;
}

// Every page of the report into `all` (its period from the first page); the first failed call's
// status.
grpc::Status FetchEveryPage(v1::Remedy::Stub& stub, v1::ListNonComplianceRequest request,
                            absl::Duration timeout, v1::ListNonComplianceResponse& all) {
  for (int page = 0; page < kMaxPages; ++page) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
    v1::ListNonComplianceResponse response;
    const grpc::Status status = stub.ListNonCompliance(&context, request, &response);
    if (!status.ok()) return status;
    if (page == 0) {
      if (response.has_start_date()) *all.mutable_start_date() = response.start_date();
      *all.mutable_end_date() = response.end_date();
    }
    for (v1::NonCompliance& entry : *response.mutable_entries()) {
      *all.add_entries() = std::move(entry);
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  return grpc::Status::OK;
}

}  // namespace

int RunNonComplianceReport(const CliOptions& options,
                           std::shared_ptr<grpc::ChannelCredentials> credentials,
                           CliStreams streams) {
  const std::string& address = options.addresses.at("remedy");
  auto stub = v1::Remedy::NewStub(grpc::CreateChannel(address, std::move(credentials)));
  v1::ListNonComplianceResponse all;
  const grpc::Status status = FetchEveryPage(*stub, RequestFor(options), options.timeout, all);
  if (!status.ok()) {
    if (options.json) {
      streams.out << FormatRpcErrorJson(status);
    } else {
      streams.err << "redress: " << kMethod << " at " << address << " failed\n"
                  << FormatRpcErrorText(status);
    }
    return kExitRpcError;
  }
  if (!options.json) {
    streams.out << FormatNonComplianceTable(all);
    return kExitOk;
  }
  absl::StatusOr<std::string> json = FormatJson(all);
  if (!json.ok()) {
    streams.err << "redress: " << json.status().message() << "\n";
    return kExitRpcError;
  }
  streams.out << *json;
  return kExitOk;
}

}  // namespace redress::cli
