# remedy_store: the RemedyStore implementations (SQLite, and the in-memory fake for tests).
add_library(remedy_store STATIC
  fake_store.cc
  sqlite_store.cc
  sqlite_store_acknowledgements.cc
  sqlite_store_payload.cc
  sqlite_store_recommendations.cc
  sqlite_store_rows.cc
  sqlite_store_schema.cc)
target_compile_options(remedy_store PRIVATE ${REDRESS_WARNINGS})
target_link_libraries(remedy_store
  PUBLIC remedy_domain redress_common PRIVATE redress_remedy_proto)

redress_test(remedy_store_test
  SOURCES
    fake_store_test.cc
    sqlite_store_acknowledgement_test.cc
    sqlite_store_test.cc
    store_contract_acknowledgement_test.cc
    store_contract_decision_test.cc
    store_contract_listing_test.cc
    store_contract_test.cc
  LIBS remedy_store redress_common_testing redress_remedy_proto
  LABELS unit)
