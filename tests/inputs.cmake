# Every input file in inputs/ runs in the test suite, so that none rots.
set(_inputs_dir ${CMAKE_CURRENT_BINARY_DIR}/inputs)
file(MAKE_DIRECTORY ${_inputs_dir})
file(GLOB _point_inputs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/inputs/point/*.prm)
foreach(_input ${_point_inputs})
  get_filename_component(_name ${_input} NAME_WE)
  add_test(NAME input.point.${_name}
    COMMAND $<TARGET_FILE:mgrelax> point ${_input}
    WORKING_DIRECTORY ${_inputs_dir})
endforeach()

file(GLOB _run_inputs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/inputs/*.prm)
file(GLOB _sweep_inputs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/inputs/sweep_*.prm)
if(_sweep_inputs)
  list(REMOVE_ITEM _run_inputs ${_sweep_inputs})
endif()
foreach(_input ${_run_inputs})
  get_filename_component(_name ${_input} NAME_WE)
  add_test(NAME input.run.${_name}
    COMMAND $<TARGET_FILE:mgrelax> run ${_input}
    WORKING_DIRECTORY ${_inputs_dir})
  set_tests_properties(input.run.${_name} PROPERTIES TIMEOUT 600)
endforeach()

# The parameter studies (inputs/sweep_*.prm) take minutes in full: each runs
# at reduced size, two of its cases (the first and the last: the extremes
# of its ranges) with the shorter times or coarser mesh given here by
# --set, and then merges them with --collect (the study's table and plot).
# A study without an entry here runs whole.
set(_sweep_reduced_sweep_mandrel_geometry --case 0,26
  --set "Mandrel/constraining time=100" --set "Mandrel/recovery time=100"
  --set "Geometry/cells along length=4")
set(_sweep_reduced_sweep_cantilever_length --case 0,8
  --set "Geometry/cells along length=6" --set "Geometry/cells across width=1")
set(_sweep_reduced_sweep_mandrel_temperature --case 0,4
  --set "Mandrel/recovery time=1e4")
foreach(_input ${_sweep_inputs})
  get_filename_component(_name ${_input} NAME_WE)
  add_test(NAME input.sweep.${_name}
    COMMAND sh -c "n=$1 f=$2; shift 2; rm -rf \"output/$n\" && \"$0\" sweep \"$f\" \"$@\" && \"$0\" sweep \"$f\" --collect"
      $<TARGET_FILE:mgrelax> ${_name} ${_input} ${_sweep_reduced_${_name}}
    WORKING_DIRECTORY ${_inputs_dir})
  set_tests_properties(input.sweep.${_name} PROPERTIES TIMEOUT 600
    PASS_REGULAR_EXPRESSION "collected [1-9][0-9]* finished cases")
endforeach()
