import { registerEnumType } from '@nestjs/graphql';
import { CadreRank, CadreTier, ImportRowStatus, Role } from '@qinglian/identity';

registerEnumType(Role, { name: 'Role', description: 'ADMIN 管理员, TRAINER 培训教师, CADRE 干部' });
registerEnumType(CadreTier, { name: 'CadreTier', description: 'NEW_APPOINTEE 新任职, RESERVE 后备, ON_JOB 在职, RETIRED 退休' });
registerEnumType(CadreRank, { name: 'CadreRank', description: 'Civil-service rank, from STAFF 科员 to BUREAU 正厅级' });
registerEnumType(ImportRowStatus, { name: 'ImportRowStatus' });

export { CadreRank, CadreTier, ImportRowStatus, Role };
