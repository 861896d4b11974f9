import GlanceManageCore

GlanceManageMain.main()
