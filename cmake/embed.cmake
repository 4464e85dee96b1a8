# embed_files(TARGET_SOURCE_VAR name1 file1 [name2 file2 ...])
# Generates a .cpp that defines `extern const std::string_view gridbot_embedded_<name>` holding the
# file's bytes, so the binary carries its templates, sample organization and pages with it and runs
# from any working directory. Regenerated whenever an embedded file changes.
function(embed_files out_var)
  set(generated "${CMAKE_CURRENT_BINARY_DIR}/embedded_${out_var}.cpp")
  set(args ${ARGN})
  set(files "")
  set(pairs "")
  list(LENGTH args n)
  math(EXPR last "${n} - 1")
  foreach(i RANGE 0 ${last} 2)
    math(EXPR j "${i} + 1")
    list(GET args ${i} name)
    list(GET args ${j} file)
    list(APPEND files "${file}")
    # '|' separates pairs: a ';' list would be split into separate command arguments.
    if(pairs)
      string(APPEND pairs "|")
    endif()
    string(APPEND pairs "${name}=${file}")
  endforeach()
  add_custom_command(
    OUTPUT "${generated}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${generated} -DPAIRS=${pairs} -P ${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding ${out_var}"
    VERBATIM)
  set(${out_var} "${generated}" PARENT_SCOPE)
endfunction()
