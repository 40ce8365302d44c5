package io.gridai.dispatch.opf.highs;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The part of HiGHS's C API ({@code interfaces/highs_c_api.h}, HiGHS 1.12) that this module calls, through JNA.
 * {@code HighsInt} is 32 bits in the library OR-Tools ships. Instances come from {@link HighsLibrary#api()}.
 */
interface HighsApi extends Library {

    /** {@code kHighsMatrixFormatRowwise}. */
    int MATRIX_FORMAT_ROWWISE = 2;
    /** {@code kHighsHessianFormatTriangular}: the lower triangle, column-wise. */
    int HESSIAN_FORMAT_TRIANGULAR = 1;
    /** {@code kHighsObjSenseMinimize}. */
    int SENSE_MINIMIZE = 1;
    /** {@code kHighsStatusError}; {@code kHighsStatusOk} is 0 and {@code kHighsStatusWarning} 1. */
    int STATUS_ERROR = -1;

    Pointer Highs_create();

    void Highs_destroy(Pointer highs);

    String Highs_version();

    double Highs_getInfinity(Pointer highs);

    int Highs_passModel(Pointer highs, int numCol, int numRow, int numNz, int qNumNz, int aFormat, int qFormat,
                        int sense, double offset, double[] colCost, double[] colLower, double[] colUpper,
                        double[] rowLower, double[] rowUpper, int[] aStart, int[] aIndex, double[] aValue,
                        int[] qStart, int[] qIndex, double[] qValue, int[] integrality);

    int Highs_addRows(Pointer highs, int numNewRow, double[] lower, double[] upper, int numNewNz, int[] starts,
                      int[] index, double[] value);

    int Highs_setBoolOptionValue(Pointer highs, String option, int value);

    int Highs_setIntOptionValue(Pointer highs, String option, int value);

    int Highs_setDoubleOptionValue(Pointer highs, String option, double value);

    int Highs_setStringOptionValue(Pointer highs, String option, String value);

    int Highs_run(Pointer highs);

    int Highs_getModelStatus(Pointer highs);

    double Highs_getObjectiveValue(Pointer highs);

    int Highs_getSolution(Pointer highs, double[] colValue, double[] colDual, double[] rowValue, double[] rowDual);

    int Highs_getIntInfoValue(Pointer highs, String info, int[] value);
}
