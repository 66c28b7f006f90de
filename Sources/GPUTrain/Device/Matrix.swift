/// A row-major `rows × cols` matrix of `Float` that lives on one backend's device.
///
/// A matrix is created by its backend (``Backend/makeMatrix(rows:cols:)``) and stays on that device until it is
/// released: moving data in and out is explicit (``Backend/upload(_:to:)-(_,Matrix)``, ``Backend/download(_:)``), so a training
/// run can keep its data set, weights and activations on the device and read back only what it reports.
///
/// ``rows(_:)`` makes a view of consecutive rows that shares the storage: a mini-batch of a data set, or one
/// row of a statistics table, costs no copy.
public final class Matrix {
    /// Number of rows (≥ 1).
    public let rows: Int
    /// Number of columns (≥ 1).
    public let cols: Int
    /// The backend's buffer; views share it.
    let storage: AnyObject
    /// Element offset of row 0 within `storage`.
    let offset: Int
    /// The backend that owns `storage`, to reject mixing matrices of two devices. A strong reference, not an
    /// `ObjectIdentifier`: an identifier can be reused by a new backend once the old one is freed, and the
    /// matrix would then pass as the new backend's own. Holding the backend also keeps its context alive.
    let owner: AnyObject

    init(rows: Int, cols: Int, storage: AnyObject, offset: Int = 0, owner: AnyObject) {
        self.rows = rows
        self.cols = cols
        self.storage = storage
        self.offset = offset
        self.owner = owner
    }

    /// Number of elements, `rows × cols`.
    public var count: Int { rows * cols }

    /// The shape as text, e.g. `891×12`.
    public var shape: String { "\(rows)×\(cols)" }

    /// A view of rows `range` of this matrix, sharing its storage (no copy, no device work).
    /// - Precondition: `range` is a non-empty range inside `0..<rows`.
    public func rows(_ range: Range<Int>) -> Matrix {
        precondition(!range.isEmpty && range.lowerBound >= 0 && range.upperBound <= rows,
                     "row range \(range) outside a matrix of \(rows) rows")
        return Matrix(rows: range.count, cols: cols, storage: storage,
                      offset: offset + range.lowerBound * cols, owner: owner)
    }

    /// A `rows × cols` matrix over the `rows·cols` elements that start at element `start` of this one (counted
    /// row-major), sharing its storage: lets one allocation hold many small matrices, e.g. all of a network's
    /// parameters, so that one launch can update them all.
    /// - Precondition: the elements lie inside this matrix.
    func slice(from start: Int, rows: Int, cols: Int) -> Matrix {
        precondition(start >= 0 && rows > 0 && cols > 0 && start + rows * cols <= count,
                     "a \(rows)×\(cols) slice from element \(start) is outside a \(shape) matrix")
        return Matrix(rows: rows, cols: cols, storage: storage, offset: offset + start, owner: owner)
    }
}

/// A vector of `Int32` indices on a device: the row permutation that shuffles a data set each epoch.
public final class IndexBuffer {
    /// Number of indices (≥ 1).
    public let count: Int
    let storage: AnyObject
    let owner: AnyObject  // a strong reference, as in `Matrix`
    /// Smallest and largest index uploaded, nil before the first upload: lets `gatherRows` reject an
    /// out-of-range index on the host, before any device reads outside a matrix.
    var bounds: ClosedRange<Int32>?

    init(count: Int, storage: AnyObject, owner: AnyObject) {
        self.count = count
        self.storage = storage
        self.owner = owner
    }
}
