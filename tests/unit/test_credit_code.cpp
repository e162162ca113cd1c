#include <doctest/doctest.h>

#include "sbc/values/credit_code.hpp"

TEST_CASE("credit code: GB 32100-2015 check character") {
  // Published examples of valid codes.
  CHECK(!sbc::credit_code_problem("91350100M000100Y43"));
  CHECK(!sbc::credit_code_problem("91110000600037341L"));
  CHECK(sbc::credit_code_problem("91350100M000100Y44")->en ==
        "the check character is '4', it should be '3'");
  CHECK(sbc::credit_code_problem("91350100M000100Y4")->en == "has 17 characters, not 18");
  CHECK(sbc::credit_code_problem("91370100MA3C5XXXXI")->en.find("character 18 ('I') is not in") ==
        0);
}
