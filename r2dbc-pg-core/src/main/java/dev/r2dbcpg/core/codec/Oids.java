package dev.r2dbcpg.core.codec;

/** PostgreSQL type OIDs of the built-in types (from {@code pg_type.dat}); stable across versions. */
public final class Oids {

    /** Lets the server infer the parameter type (Parse with OID 0). */
    public static final int UNSPECIFIED = 0;
    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    /** The single-byte internal type {@code "char"}, not {@code char(n)} (that is {@link #BPCHAR}). */
    public static final int CHAR = 18;
    public static final int NAME = 19;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int JSON = 114;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int UNKNOWN = 705;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int DATE = 1082;
    public static final int TIME = 1083;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int TIMETZ = 1266;
    public static final int NUMERIC = 1700;
    public static final int UUID = 2950;
    public static final int JSONB = 3802;

    // arrays and ranges (issue 4): array types are named ELEMENT_ARRAY, from pg_type.typarray
    public static final int JSON_ARRAY = 199;
    public static final int BOOL_ARRAY = 1000;
    public static final int BYTEA_ARRAY = 1001;
    public static final int CHAR_ARRAY = 1002;
    public static final int NAME_ARRAY = 1003;
    public static final int INT2_ARRAY = 1005;
    public static final int INT4_ARRAY = 1007;
    public static final int TEXT_ARRAY = 1009;
    public static final int BPCHAR_ARRAY = 1014;
    public static final int VARCHAR_ARRAY = 1015;
    public static final int INT8_ARRAY = 1016;
    public static final int FLOAT4_ARRAY = 1021;
    public static final int FLOAT8_ARRAY = 1022;
    public static final int OID_ARRAY = 1028;
    public static final int TIMESTAMP_ARRAY = 1115;
    public static final int DATE_ARRAY = 1182;
    public static final int TIME_ARRAY = 1183;
    public static final int TIMESTAMPTZ_ARRAY = 1185;
    public static final int NUMERIC_ARRAY = 1231;
    public static final int TIMETZ_ARRAY = 1270;
    public static final int UUID_ARRAY = 2951;
    public static final int JSONB_ARRAY = 3807;
    public static final int INT4RANGE = 3904;
    public static final int INT4RANGE_ARRAY = 3905;
    public static final int NUMRANGE = 3906;
    public static final int NUMRANGE_ARRAY = 3907;
    public static final int TSRANGE = 3908;
    public static final int TSRANGE_ARRAY = 3909;
    public static final int TSTZRANGE = 3910;
    public static final int TSTZRANGE_ARRAY = 3911;
    public static final int DATERANGE = 3912;
    public static final int DATERANGE_ARRAY = 3913;
    public static final int INT8RANGE = 3926;
    public static final int INT8RANGE_ARRAY = 3927;
    /** Multirange types exist from PostgreSQL 14. */
    public static final int INT4MULTIRANGE = 4451;
    public static final int NUMMULTIRANGE = 4532;
    public static final int TSMULTIRANGE = 4533;
    public static final int TSTZMULTIRANGE = 4534;
    public static final int DATEMULTIRANGE = 4535;
    public static final int INT8MULTIRANGE = 4536;
    public static final int INT4MULTIRANGE_ARRAY = 6150;
    public static final int NUMMULTIRANGE_ARRAY = 6151;
    public static final int TSMULTIRANGE_ARRAY = 6152;
    public static final int TSTZMULTIRANGE_ARRAY = 6153;
    public static final int DATEMULTIRANGE_ARRAY = 6155;
    public static final int INT8MULTIRANGE_ARRAY = 6157;

    private Oids() {
    }
}
