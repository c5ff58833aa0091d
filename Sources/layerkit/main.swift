import Foundation
import LayerKitCommandLine

/// The `layerkit` command: everything happens in `LayerKitCommand.run`, which the tests drive.
exit(LayerKitCommand.run(Array(CommandLine.arguments.dropFirst())))
