# The README's ```sh command blocks, run in order in a scratch directory
# (tests/readme_commands.py; `./setup.sh` lines are left to CI, mpirun runs
# as root with the OMPI_ALLOW_RUN_AS_ROOT variables), and the command-line
# checks of tests/app/commands.cmake.
include(${CMAKE_CURRENT_LIST_DIR}/app/commands.cmake)

add_test(NAME readme.commands
  COMMAND /usr/bin/python3 ${CMAKE_CURRENT_LIST_DIR}/readme_commands.py
          --source ${PROJECT_SOURCE_DIR} --build ${PROJECT_BINARY_DIR})
set_tests_properties(readme.commands PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE
  ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1")
