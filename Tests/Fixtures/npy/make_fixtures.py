"""Regenerates the .npy fixtures of Tests/MLCoreTests/NPY*Tests.swift with NumPy itself.

Run from this folder: `python3 make_fixtures.py` (made with NumPy 2.4.6). The tests
pin the values written here, and check that our writer reproduces the files byte for byte.
"""
import numpy as np
import numpy.lib.format as fmt

nan, inf = np.nan, np.inf

np.save("f4_3x4.npy", np.array(
    [[0.0, -0.0, 1.5, -2.25],
     [nan, inf, -inf, 1e-45],
     [3.4028235e38, -1.1754944e-38, 0.1, 123456.789]], dtype="<f4"))
np.save("f8_2x3.npy", np.array([[1.0, -2.5, 0.1], [nan, 1e300, -5e-324]], dtype="<f8"))
np.save("f4_5.npy", np.arange(5, dtype="<f4") * 0.5)
np.save("f8_scalar.npy", np.array(3.25, dtype="<f8"))
np.save("i4_4.npy", np.array([-2147483648, -1, 0, 2147483647], dtype="<i4"))
np.save("i8_2x2.npy", np.array([[-9223372036854775808, 9007199254740993], [0, 42]], dtype="<i8"))
np.save("u1_3.npy", np.array([0, 127, 255], dtype="|u1"))
np.save("i1_3.npy", np.array([-128, 0, 127], dtype="|i1"))
np.save("b1_4.npy", np.array([True, False, False, True]))
np.save("f4_0x3.npy", np.zeros((0, 3), dtype="<f4"))
np.save("f4_huge_by_0.npy", np.zeros((12345678901, 0), dtype="<f4"))
np.save("i4_2x3x4.npy", np.arange(24, dtype="<i4").reshape(2, 3, 4))
with open("f8_v2.npy", "wb") as f:
    fmt.write_array(f, np.array([[1.0, 2.0], [3.0, 4.0]], dtype="<f8"), version=(2, 0))
with open("f4_v3.npy", "wb") as f:
    fmt.write_array(f, np.array([1.0, 2.0, 3.0], dtype="<f4"), version=(3, 0))
np.save("f8_fortran.npy", np.asfortranarray(np.arange(6, dtype="<f8").reshape(2, 3)))
np.save("f8_big_endian.npy", np.array([1.0, 2.0], dtype=">f8"))
np.save("c16_complex.npy", np.array([1 + 2j], dtype="<c16"))
