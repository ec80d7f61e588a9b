# ParaView Catalyst: the adaptor's GoogleTest suite (1 and 2 ranks) and the
# shipped pipelines run by `mgrelax run` as the user runs them.  Included
# from tests/CMakeLists.txt.
set(_catalyst_dir ${CMAKE_CURRENT_BINARY_DIR}/catalyst)
file(MAKE_DIRECTORY ${_catalyst_dir})

# A small mandrel run (24 cells: wrap, hold, release, recovery in 14 steps)
# with the given Catalyst scripts.
function(mgrelax_catalyst_input name scripts)
  file(WRITE ${_catalyst_dir}/${name}.prm
    "set experiment = mandrel\n"
    "set material file = ${PROJECT_SOURCE_DIR}/inputs/materials/Al86.8Ni3.7Y9.5_STZ.prm\n"
    "subsection Geometry\n  set length = 6e-3\n  set width = 1.2e-3\n"
    "  set thickness = 20e-6\n  set cells along length = 6\n"
    "  set cells across width = 2\n  set cells through thickness = 2\nend\n"
    "subsection Mandrel\n  set radius = 3.3e-3\n  set wrap steps = 2\n"
    "  set constraining time = 10\n  set recovery time = 10\n"
    "  set steps per decade = 2\nend\n"
    "subsection Output\n  set vtu interval = 0\nend\n"
    "subsection Catalyst\n  set scripts = ${scripts}\nend\n")
endfunction()

# A script that cannot be read is refused with the entry, in any build.
mgrelax_catalyst_input(missing_script no_such_pipeline.py)
add_test(NAME catalyst.refuses_missing_script
  COMMAND sh -c "\"$0\" run missing_script.prm; echo \"exit status $?\""
          $<TARGET_FILE:mgrelax>
  WORKING_DIRECTORY ${_catalyst_dir})
set_tests_properties(catalyst.refuses_missing_script PROPERTIES
  PASS_REGULAR_EXPRESSION "entry 'scripts' of subsection Catalyst: cannot read '[^']*no_such_pipeline.py'.*exit status 1")

if(NOT MGRELAX_WITH_CATALYST)
  add_test(NAME catalyst.skipped
    COMMAND sh -c "echo 'ParaView Catalyst tests skipped: this build has no Catalyst (install paraview-dev python3-paraview, WITH_CATALYST=AUTO)'; exit 77")
  set_tests_properties(catalyst.skipped PROPERTIES SKIP_RETURN_CODE 77)
  return()
endif()

mgrelax_add_mpi_gtest(catalyst_tests
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/catalyst/catalyst_adaptor_test.cc RANKS 1 2)
target_link_libraries(catalyst_tests mgrelax_catalyst VTK::IOParallelXML VTK::IOXML)

# A Python error in a pipeline: during the run, the run completes and exits
# 1 saying so; while loading, the run refuses to start naming the script.
file(WRITE ${_catalyst_dir}/raises.py
  "# script-version: 2\nfrom paraview.simple import *\n"
  "source = TrivialProducer(registrationName='input')\n"
  "def catalyst_execute(info):\n    raise RuntimeError('a broken pipeline')\n")
file(WRITE ${_catalyst_dir}/syntax_error.py
  "# script-version: 2\nfrom paraview.simple import *\ndef broken(:\n")
mgrelax_catalyst_input(raises raises.py)
mgrelax_catalyst_input(syntax_error syntax_error.py)
mgrelax_catalyst_input(images images)
mgrelax_catalyst_input(extracts_and_images "extracts, images")
foreach(_case raises syntax_error)
  add_test(NAME catalyst.python_error_${_case}
    COMMAND sh -c "\"$0\" run ${_case}.prm; echo \"exit status $?\""
            $<TARGET_FILE:mgrelax>
    WORKING_DIRECTORY ${_catalyst_dir})
endforeach()
set_tests_properties(catalyst.python_error_raises PROPERTIES
  PASS_REGULAR_EXPRESSION "a broken pipeline.*Catalyst call\\(s\\) failed.*run's own results are complete.*exit status 1")
set_tests_properties(catalyst.python_error_syntax_error PROPERTIES
  PASS_REGULAR_EXPRESSION "the Catalyst script '[^']*syntax_error.py' could not be loaded.*exit status 1")

# The image pipeline without a display refuses to start (before any step),
# and under Xvfb writes one PNG per call.  One rank: on 2 ranks ParaView
# 5.11's parallel rendering in situ hung once in three runs (rank 0
# gathering data for delivery while rank 1 rendered; doc/paraview.md), so
# the colour range over ranks is checked on the extracts of 2 ranks
# (catalyst_tests) instead.  It renders alone (RESOURCE_LOCK x_display, as
# the render tests do).
add_test(NAME catalyst.images_need_a_display
  COMMAND sh -c "env -u DISPLAY \"$0\" run images.prm; echo \"exit status $?\""
          $<TARGET_FILE:mgrelax>
  WORKING_DIRECTORY ${_catalyst_dir})
set_tests_properties(catalyst.images_need_a_display PROPERTIES
  PASS_REGULAR_EXPRESSION "renders images, which needs an X display.*xvfb-run.*exit status 1"
  FAIL_REGULAR_EXPRESSION "step +1 ")
add_test(NAME catalyst.images
  COMMAND sh -c "command -v xvfb-run >/dev/null || { echo 'no xvfb-run: skipped'; exit 77; }; rm -rf output/extracts_and_images && xvfb-run -a \"$0\" run extracts_and_images.prm && /usr/bin/python3 \"$1\" output/extracts_and_images/catalyst"
          $<TARGET_FILE:mgrelax> ${CMAKE_CURRENT_SOURCE_DIR}/catalyst/check_images.py
  WORKING_DIRECTORY ${_catalyst_dir})
set_tests_properties(catalyst.images PROPERTIES SKIP_RETURN_CODE 77
  RESOURCE_LOCK x_display
  TIMEOUT 300
  ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1")
