add_library(remedy_logic STATIC
  apply_change.cc
  compliance_reports.cc
  decision_succession.cc
  follow_up.cc
  follow_up_pass.cc
  handoff_receipt.cc
  issue_acknowledgement.cc
  publishable_case.cc
  receive_decision.cc
  receive_reopening.cc
  recommendation_listing.cc
  recommendation_state.cc
  remedy_logic.cc
  store_reads.cc
  summary_publishing.cc)
target_compile_options(remedy_logic PRIVATE ${REDRESS_WARNINGS})
target_link_libraries(remedy_logic PUBLIC remedy_domain redress_common)

redress_test(remedy_logic_test
  SOURCES
    anonymisation_review_test.cc
    compliance_reports_test.cc
    decision_succession_test.cc
    follow_up_test.cc
    non_compliance_test.cc
    publishable_case_test.cc
    published_remedies_test.cc
    recommendation_listing_test.cc
    recommendation_state_test.cc
    remedy_logic_test.cc
    summary_publishing_test.cc
  LIBS remedy_logic remedy_store redress_common_testing google_rpc_proto
  LABELS unit)
