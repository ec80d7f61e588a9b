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
foreach(_input ${_run_inputs})
  get_filename_component(_name ${_input} NAME_WE)
  add_test(NAME input.run.${_name}
    COMMAND $<TARGET_FILE:mgrelax> run ${_input}
    WORKING_DIRECTORY ${_inputs_dir})
  set_tests_properties(input.run.${_name} PROPERTIES TIMEOUT 600)
endforeach()
