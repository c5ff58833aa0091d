import Foundation

/// `LayerKitScaffold <activation|layer> [--no-parameters] <Name>... [--package <dir>]`: the tool
/// behind the `new-activation` and `new-layer` command plugins. `--no-parameters` leaves the
/// template's example parameter out of every copy (for activations without parameters).
///
/// Exit status: 0 created, 1 refused (nothing written), 2 bad usage.
@main
enum LayerKitScaffold {
  static func main() {
    var arguments = Array(CommandLine.arguments.dropFirst())
    var root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    if let flag = arguments.firstIndex(of: "--package") {
      guard flag + 1 < arguments.count else { usage("--package needs a directory") }
      root = URL(fileURLWithPath: arguments[flag + 1])
      arguments.removeSubrange(flag...(flag + 1))
    }
    var withoutParameters = false
    if let flag = arguments.firstIndex(of: "--no-parameters") {
      withoutParameters = true
      arguments.remove(at: flag)
    }
    guard arguments.count >= 1, let kind = ComponentKind(rawValue: arguments[0]) else {
      usage("the first argument must be activation or layer")
    }
    let names = Array(arguments.dropFirst())
    guard !names.isEmpty else {
      usage("give the name of the new \(kind.rawValue), e.g. `\(kind.verb) Swish`")
    }
    let scaffolder = Scaffolder(root: root, withoutParameters: withoutParameters)
    do throws(ScaffoldError) {
      let plans = try scaffolder.scaffold(kind, named: names)
      print(scaffolder.summary(kind, named: names, plans: plans))
      let notes = scaffolder.shadowingNotes(names)
      if !notes.isEmpty { print(notes) }
    } catch {
      FileHandle.standardError.write(Data("error: \(kind.verb) \(error.description)\n".utf8))
      exit(1)
    }
  }

  static func usage(_ problem: String) -> Never {
    FileHandle.standardError.write(
      Data(
        """
        error: \(problem)
        usage: swift package --allow-writing-to-package-directory new-activation [--no-parameters] <Name>...
               swift package --allow-writing-to-package-directory new-layer <Name>...

        """.utf8))
    exit(2)
  }
}
