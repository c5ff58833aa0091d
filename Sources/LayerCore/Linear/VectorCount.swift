/// A number of SIMD vectors as a type, the width of a register tile: a kernel generic over it
/// is specialized for each width, with the count a constant, so that its per-vector statements
/// (`if W.vectors > 3 { … }`) vanish from the loop instead of testing at run time. (An
/// `@inline(__always)` function given a constant `Int` was not specialized this way.)
protocol VectorCount { static var vectors: Int { get } }

enum OneVector: VectorCount { static var vectors: Int { 1 } }
enum TwoVectors: VectorCount { static var vectors: Int { 2 } }
enum ThreeVectors: VectorCount { static var vectors: Int { 3 } }
enum FourVectors: VectorCount { static var vectors: Int { 4 } }
enum FiveVectors: VectorCount { static var vectors: Int { 5 } }
enum SixVectors: VectorCount { static var vectors: Int { 6 } }
enum SevenVectors: VectorCount { static var vectors: Int { 7 } }
enum EightVectors: VectorCount { static var vectors: Int { 8 } }
enum NineVectors: VectorCount { static var vectors: Int { 9 } }
enum TenVectors: VectorCount { static var vectors: Int { 10 } }
enum ElevenVectors: VectorCount { static var vectors: Int { 11 } }
enum TwelveVectors: VectorCount { static var vectors: Int { 12 } }
enum ThirteenVectors: VectorCount { static var vectors: Int { 13 } }
