package gg.kalico.telemetry.builtin.system;

/**
 * The processor model and count from {@code /proc/cpuinfo}. ARM boards often have no {@code model
 * name}; then {@code Hardware} or {@code Model} is used, and the caller falls back to the
 * device-tree model.
 *
 * @param model the model, or null when cpuinfo names none
 * @param cores the number of {@code processor} entries, or 0 when none are listed
 */
record CpuInfo(String model, int cores) {

  static CpuInfo parse(String text) {
    String modelName = null;
    String hardware = null;
    String model = null;
    int processors = 0;
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      switch (key) {
        case "processor" -> processors++;
        case "model name" -> modelName = modelName == null && !value.isEmpty() ? value : modelName;
        case "Hardware" -> hardware = hardware == null && !value.isEmpty() ? value : hardware;
        case "Model" -> model = model == null && !value.isEmpty() ? value : model;
        default -> {}
      }
    }
    String chosen = modelName != null ? modelName : hardware != null ? hardware : model;
    return new CpuInfo(chosen, processors);
  }
}
