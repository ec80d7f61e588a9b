# The command-line checks of tests/app/commands.cmake.
include(${CMAKE_CURRENT_LIST_DIR}/app/commands.cmake)
