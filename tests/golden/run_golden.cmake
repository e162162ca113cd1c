# Runs TOOL with ARGS and compares its standard output with EXPECTED and its exit status with
# EXPECTED_EXIT. With the environment variable SBC_UPDATE_GOLDEN=1, rewrites EXPECTED instead.
# The tools take their language from the locale when --lang is not given: a golden test runs with
# none set, so its output does not depend on the machine, unless it asks for the locale it has.
if(NOT KEEP_LOCALE)
  unset(ENV{LC_ALL})
  unset(ENV{LC_MESSAGES})
  unset(ENV{LANG})
endif()
execute_process(COMMAND ${TOOL} ${ARGS}
  OUTPUT_VARIABLE actual ERROR_VARIABLE errors RESULT_VARIABLE status)
if(DEFINED ENV{SBC_UPDATE_GOLDEN})
  file(WRITE ${EXPECTED} "${actual}")
  message(STATUS "updated ${EXPECTED} (exit ${status})")
endif()
if(NOT EXISTS ${EXPECTED})
  message(FATAL_ERROR "no expected output ${EXPECTED}; run with SBC_UPDATE_GOLDEN=1 and review it")
endif()
file(READ ${EXPECTED} expected)
if(NOT status EQUAL EXPECTED_EXIT)
  message(FATAL_ERROR "exit status ${status}, expected ${EXPECTED_EXIT}\nstderr:\n${errors}")
endif()
if(NOT actual STREQUAL expected)
  file(WRITE ${EXPECTED}.actual "${actual}")
  execute_process(COMMAND diff -u ${EXPECTED} ${EXPECTED}.actual)
  message(FATAL_ERROR "output differs from ${EXPECTED} (actual in ${EXPECTED}.actual)")
endif()
